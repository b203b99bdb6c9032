import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { buildDemoData, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import { extractPdfText } from "@/lib/pdf/extract-text";
import { expectNoA11yViolations, signIn, withDb } from "./support/fixtures";

/*
 * R-FIN-9 / R-FIN-11 / R-FIN-12 on the family side: the night has published an interview and a
 * decision that differs from the family's request (inserted here as the transfer would); the
 * guardian reads step «3 Décision» and downloads the notice. On the family 3D#7 (no other spec's);
 * the académie's affectation link is restored afterwards.
 */
test.describe.configure({ mode: "serial" });

let studentId: string;
let login: string;
let savedUrl = "";
const academyOf = "(select s.academy_id from students st join schools s on s.id = st.school_id where st.id = $1)";
const REASONS = [
  "Les acquis en mathématiques restent fragiles.",
  "Un grand sens pratique, montré en atelier.",
  "Un intérêt affirmé pour les métiers de la restauration.",
];

test.beforeAll(async () => {
  const named = buildDemoData().students.find((s) => s.key === "3D#7")!;
  await withDb(async (c) => {
    studentId = (await c.query<{ id: string }>("select id from students where ine = $1", [named.ine])).rows[0]!.id;
    login = (
      await c.query<{ login: string }>(
        "select a.login from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = $1 order by sg.rank limit 1",
        [studentId],
      )
    ).rows[0]!.login;
    savedUrl = (await c.query<{ affectation_url: string }>(`select affectation_url from academies where id = ${academyOf}`, [studentId])).rows[0]!
      .affectation_url;
    await c.query(`update academies set affectation_url = 'https://affectation.ac-grenoble.fr' where id = ${academyOf}`, [studentId]);
    await c.query(
      `insert into family_published_interviews (id, student_id, held_at, participants, outcome, published_at)
       values ($1, $2, now() - interval '3 days', 'La famille, l''élève et le chef d''établissement', 'disagreement', now())`,
      [randomUUID(), studentId],
    );
    await c.query(
      `insert into family_published_decisions (student_id, rank, track, sub_track, source, differs_from_request, reason_knowledge, reason_abilities,
         reason_interests, notified_on, notice_channel, appeal_deadline, decided_at, decided_by_name, published_at)
       values ($1, 1, '2PRO', '', 'head', true, $2, $3, $4, '2027-06-11', 'email', '2027-06-15', now() - interval '2 days', 'M. Dupuis', now())
       on conflict (student_id) do nothing`,
      [studentId, ...REASONS],
    );
  });
});

test.afterAll(async () => {
  await withDb(async (c) => {
    await c.query("delete from family_published_decisions where student_id = $1", [studentId]);
    await c.query("delete from family_published_interviews where student_id = $1", [studentId]);
    await c.query(`update academies set affectation_url = $2 where id = ${academyOf}`, [studentId, savedUrl]);
  });
});

test("R-FIN-11 / R-FIN-12: the guardian reads the decision, its reasons, the appeal deadline and the next step, and downloads the notice", async ({ page }) => {
  await signIn(page, login, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${studentId}`);
  await expect(page.getByRole("heading", { level: 2, name: "Décision d'orientation" })).toBeVisible();
  await expect(page.getByText("2de professionnelle", { exact: true })).toBeVisible();
  await expect(page.getByText("Cette décision diffère de votre demande.")).toBeVisible();
  for (const r of REASONS) await expect(page.getByText(r)).toBeVisible();
  await expect(page.getByText(/vous pouvez faire appel jusqu'au mardi 15 juin 2027 inclus/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Droit au maintien" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Entretien avec le chef d'établissement" })).toBeVisible();
  await expect(page.getByText("Issue de l'entretien : le désaccord est maintenu.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Prochaine étape : l'affectation" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Accéder au service d'affectation" })).toHaveAttribute("href", "https://affectation.ac-grenoble.fr");
  await expectNoA11yViolations(page);

  const link = page.getByRole("link", { name: "Télécharger la notification (PDF)" });
  const href = await link.getAttribute("href");
  expect(href).toBe(`/famille/eleves/${studentId}/notification`);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const text = extractPdfText(new Uint8Array(await res.body())).replace(/\n/g, " ");
  for (const r of REASONS) expect(text).toContain(r);
  expect(text).toContain("mardi 15 juin 2027 inclus");

  // Another family's child: 404, for the page and for the notice.
  const other = await withDb(
    async (c) => (await c.query<{ id: string }>("select id from students where id <> $1 order by ine limit 1", [studentId])).rows[0]!.id,
  );
  const foreign = await page.request.get(`/famille/eleves/${other}/notification`);
  expect(foreign.status()).toBe(404);
});
