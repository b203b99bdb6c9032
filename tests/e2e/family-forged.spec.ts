import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { DEMO_FAMILY, DEMO_PASSWORD } from "@/lib/db/demo-accounts";
import {
  FREE_TEXT_TOO_LONG_MESSAGE,
  handTakenMessage,
  MUST_SELECT_TRACK_MESSAGE,
  NO_DETAILS_FOR_2GT_MESSAGE,
  STUDENT_READ_ONLY_MESSAGE,
  TOO_MANY_MESSAGE,
  VALIDATED_MESSAGE,
} from "@/lib/domain/intentions";
import { databaseFingerprint, signIn, withDb } from "./support/fixtures";
import { baseURL } from "./support/ports";

/*
 * Never trust the page (R-INT-1, R-INT-2, R-INT-3, R-INT-5). The server action that validates intentions is called
 * over real HTTP with forged arguments — the guardian's own request rewritten in flight (a fourth
 * intention, an unknown voie, a detail on 2de GT, a text over 200 characters), then the real
 * request replayed by the other guardian and by the student. Each is refused with a French
 * message and changes nothing in the database. Division 3A (playwright.config.ts), a student no
 * other family spec uses.
 */

type Family = { studentId: string; g1: string; g2: string; student: string };

async function lastFamilyOf3A(): Promise<Family> {
  return withDb(async (c) => {
    const s = await c.query<{ id: string; login: string }>(
      `select s.id, a.login from students s join divisions d on d.id = s.division_id join accounts a on a.student_id = s.id
        where d.code = '3A' and s.ine not in ($1, $2)
          and (select count(*) from student_guardians sg where sg.student_id = s.id) = 2
        order by s.ine desc limit 1`,
      [DEMO_FAMILY.student3A.student.ine, DEMO_FAMILY.noEmail.student.ine],
    );
    const g = await c.query<{ login: string }>(
      `select a.login from student_guardians sg join accounts a on a.guardian_id = sg.guardian_id where sg.student_id = $1 order by sg.rank`,
      [s.rows[0]!.id],
    );
    return { studentId: s.rows[0]!.id, student: s.rows[0]!.login, g1: g.rows[0]!.login, g2: g.rows[1]!.login };
  });
}

const isAction = (r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined;

/** Adds one intention through the dialog, so that the page has something to validate. */
async function addOneIntention(page: Page): Promise<void> {
  await page.getByRole("button", { name: "+ Ajouter une intention" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: /^2de générale et technologique/ }).check();
  await dialog.getByRole("button", { name: "Valider la sélection" }).click();
  await expect(dialog).toBeHidden();
}

async function requestsOf(studentId: string): Promise<number> {
  return withDb(async (c) =>
    Number((await c.query<{ n: string }>("select count(*)::text as n from family_requests where student_id = $1", [studentId])).rows[0]!.n),
  );
}

let family: Family;
test.beforeAll(async () => {
  family = await lastFamilyOf3A();
});

test("R-INT-2 / R-INT-3 / R-INT-5 / R-INT-1 / R-AUTH-1: forged calls of the validation action are refused (an outsider's with a 404, before validation) and change nothing", async ({
  page,
  browser,
}) => {
  await signIn(page, family.g1, DEMO_PASSWORD);
  await page.goto(`/famille/eleves/${family.studentId}`);
  await addOneIntention(page);

  const forgeries: { what: string; intentions: unknown[]; message: string }[] = [
    {
      what: "a fourth intention",
      message: TOO_MANY_MESSAGE,
      intentions: [{ track: "2GT" }, { track: "2PRO", statusSchool: true }, { track: "CAP", statusSchool: true }, { track: "2PRO", statusApprentice: true }],
    },
    { what: "an unknown voie", message: MUST_SELECT_TRACK_MESSAGE, intentions: [{ track: "LICENCE" }] },
    { what: "a detail on 2de GT", message: NO_DETAILS_FOR_2GT_MESSAGE, intentions: [{ track: "2GT", freeText: "Option théâtre", statusSchool: true }] },
    { what: "a text over 200 characters", message: FREE_TEXT_TOO_LONG_MESSAGE, intentions: [{ track: "2PRO", freeText: "x".repeat(201), statusSchool: true }] },
  ];
  const before = await databaseFingerprint();
  const pageUrl = (url: URL) => url.pathname === `/famille/eleves/${family.studentId}`;
  for (const forged of forgeries) {
    // The page's own call, rewritten on its way to the server.
    await page.route(pageUrl, async (route) => {
      const req = route.request();
      if (!isAction(req)) return route.continue();
      const args = JSON.parse(req.postData() ?? "[]") as [{ studentId: string; intentions: unknown[] }];
      expect(args[0].studentId, "the action's argument is the plain JSON the page sends").toBe(family.studentId);
      args[0].intentions = forged.intentions;
      return route.continue({ postData: JSON.stringify(args) });
    });
    await page.getByRole("button", { name: "Valider les intentions" }).click();
    await expect(page.getByRole("alert").filter({ hasText: forged.message }), forged.what).toBeVisible();
    await page.unroute(pageUrl);
  }
  expect(await databaseFingerprint()).toEqual(before);
  expect(await requestsOf(family.studentId)).toBe(0);

  // The real validation, whose HTTP request the other guardian and the student then replay.
  const captured = page.waitForRequest(isAction);
  await page.getByRole("button", { name: "Valider les intentions" }).click();
  await expect(page.getByText(VALIDATED_MESSAGE)).toBeVisible();
  const real = await captured;
  expect(await requestsOf(family.studentId)).toBe(1);
  const afterValidation = await databaseFingerprint();
  const heldBy = () =>
    withDb(
      async (c) =>
        (
          await c.query<{ holder_account_id: string; holder_name: string; version: number; validated_at: Date }>(
            "select holder_account_id, holder_name, version, validated_at from family_requests where student_id = $1",
            [family.studentId],
          )
        ).rows[0]!,
    );
  const holder = await heldBy();

  /** The real request, replayed by another account (with its own body when given). */
  async function replayAs(login: string, b: Browser, body?: string): Promise<{ status: number; text: string }> {
    const context = await b.newContext();
    const other = await context.newPage();
    await signIn(other, login, DEMO_PASSWORD);
    const headers = Object.fromEntries(Object.entries(real.headers()).filter(([k]) => !["cookie", "content-length"].includes(k.toLowerCase())));
    // The app's Origin, as the browser sends it (docs/security-headers.md: any other is refused).
    const res = await context.request.post(real.url(), { headers: { ...headers, origin: new URL(baseURL).origin }, data: body ?? real.postData() ?? "" });
    const text = await res.text();
    await context.close();
    return { status: res.status(), text };
  }

  // R-INT-1: the other guardian reads only; the student's account reads only.
  expect((await replayAs(family.g2, browser)).text).toContain(handTakenMessage(holder.holder_name, holder.validated_at));
  expect((await replayAs(family.student, browser)).text).toContain(STUDENT_READ_ONLY_MESSAGE);

  // R-AUTH-1: the guard comes before the input's validation. The same malformed call (an unknown
  // field, intentions that are not a list) gets its field errors from a reader of the file, and a
  // plain 404 from a guardian of another family, who learns nothing about the input's shape.
  const malformed = JSON.stringify([{ studentId: family.studentId, intentions: "pas une liste", forged: true }]);
  const reader = await replayAs(family.g2, browser, malformed);
  expect(reader.status).toBe(200);
  expect(reader.text).toContain("INVALID_INPUT");
  const outsider = await replayAs(DEMO_FAMILY.student3A.guardians[0]!.login, browser, malformed);
  expect(outsider.status).toBe(404);
  expect(outsider.text).not.toContain("INVALID_INPUT");
  expect(outsider.text).not.toContain("fieldErrors");

  expect(await databaseFingerprint()).toEqual(afterValidation);
  expect(await heldBy()).toEqual(holder);
});
