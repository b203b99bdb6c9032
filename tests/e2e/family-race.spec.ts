import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { VALIDATED_MESSAGE } from "@/lib/domain/intentions";
import { addIntention, expectNoA11yViolations, signIn, withDb } from "./support/fixtures";

/*
 * R-INT-1: two guardians of one student validate one after the other, each from the editor opened
 * before the other validated. The second (the loser) is refused, and their page turns read-only on
 * the winner's entry at once, with the message, without a reload. On a 3A student no other spec
 * plays (the second-to-last by INE with two guardians' accounts; family.spec takes the first,
 * family-forged.spec the last); its entry is deleted in afterAll.
 */

type Family = { studentId: string; g1: { login: string; name: string }; g2: { login: string; name: string } };
let fam: Family;

test.beforeAll(async () => {
  fam = await withDb(async (c) => {
    const s = await c.query<{ id: string }>(
      `select s.id from students s join divisions d on d.id = s.division_id
        where d.code = '3A' and s.ine not in ($1, $2)
          and (select count(*) from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = s.id) = 2
          and not exists (select 1 from family_requests r where r.student_id = s.id)
        order by s.ine desc offset 1 limit 1`,
      [DEMO_FAMILY.student3A.student.ine, DEMO_FAMILY.noEmail.student.ine],
    );
    const g = await c.query<{ login: string; display_name: string }>(
      `select a.login, a.display_name from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = $1 order by sg.rank`,
      [s.rows[0]!.id],
    );
    return {
      studentId: s.rows[0]!.id,
      g1: { login: g.rows[0]!.login, name: g.rows[0]!.display_name },
      g2: { login: g.rows[1]!.login, name: g.rows[1]!.display_name },
    };
  });
});

test.afterAll(async () => {
  await withDb((c) => c.query("delete from family_requests where student_id = $1", [fam.studentId]));
});

async function guardianPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login);
  await page.goto(`/famille/eleves/${fam.studentId}`);
  return page;
}

test("R-INT-1: the guardian who validates second sees the other's entry read-only with the message, at once, without a reload", async ({ browser }) => {
  const winner = await guardianPage(browser, fam.g1.login);
  const loser = await guardianPage(browser, fam.g2.login);
  // Both editors are open before either validates.
  await addIntention(winner, /^2de générale et technologique/);
  await addIntention(loser, /^1re année de CAP/);

  await winner.getByRole("button", { name: "Valider les intentions" }).click();
  await expect(winner.getByText(VALIDATED_MESSAGE)).toBeVisible();

  // The loser's page has not been reloaded: the action's refusal turns it read-only.
  let navigations = 0;
  loser.on("framenavigated", (f) => {
    if (f === loser.mainFrame()) navigations++;
  });
  await loser.getByRole("button", { name: "Valider les intentions" }).click();
  // (Next's route announcer is an empty alert too.)
  const refusal = loser.getByRole("alert").filter({ hasText: "Les intentions de cet élève" });
  await expect(refusal).toContainText(`Les intentions de cet élève ont déjà été validées par ${fam.g1.name}`);
  await expect(refusal).toContainText("Votre saisie n'a pas été enregistrée.");
  await expect(loser.getByText(new RegExp(`^Intentions saisies par ${fam.g1.name} le `))).toBeVisible();
  const section = loser.locator("section[aria-labelledby=intentions-title]");
  const list = section.getByRole("list", { name: "Intentions d'orientation par ordre de préférence" });
  await expect(list).toContainText("2de générale et technologique");
  await expect(list).not.toContainText("1re année de CAP");
  // Nothing in the section still speaks of the loser's own entry (the live region included).
  await expect(section).not.toContainText("1re année de CAP");
  // Read-only: no entry control left.
  for (const name of ["Valider les intentions", "+ Ajouter une intention", "Modifier les intentions", "Tout annuler"]) {
    await expect(loser.getByRole("button", { name })).toHaveCount(0);
  }
  expect(navigations).toBe(0);
  await expectNoA11yViolations(loser);

  // Nothing of the loser's was saved.
  const items = await withDb(
    async (c) =>
      (
        await c.query<{ track: string }>(
          "select i.track from family_request_items i join family_requests r on r.id = i.request_id where r.student_id = $1 and r.phase = 'provisional'",
          [fam.studentId],
        )
      ).rows,
  );
  expect(items.map((i) => i.track)).toEqual(["2GT"]);

  // A reload shows the same (the server's read-only view).
  await loser.reload();
  await expect(loser.getByText(new RegExp(`^Intentions saisies par ${fam.g1.name} le `))).toBeVisible();
  await expect(loser.getByRole("button", { name: "Valider les intentions" })).toHaveCount(0);
  await winner.context().close();
  await loser.context().close();
});
