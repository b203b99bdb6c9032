import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseLocaleAction } from "@/lib/actions/account";
import { registeredActions, runAction } from "@/lib/actions/define-action";
import type { SignedIn } from "@/lib/auth/signed-in";
import { DEMO_ACADEMY_ID, DEMO_FAMILY } from "@/lib/db/demo-accounts";
import { findAcademyFamilyLinks } from "@/lib/db/repositories/academies";
import { findActor } from "@/lib/db/repositories/scopes";
import { accounts } from "@/lib/db/schema";
import { seedDemo } from "@/lib/db/seed";
import { LOCALE_INVALID_MESSAGE } from "@/lib/i18n/locale-choice";
import { saveAcademyParameters } from "@/lib/services/academy-parameters";
import { loadFamilyHome } from "@/lib/services/family-home";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW, { history: false });
});
afterAll(async () => t?.drop());

void chooseLocaleAction; // registers the action
const choose = registeredActions().find((a) => a.name === "account.choose-locale")!;

async function signedIn(login: string): Promise<SignedIn> {
  const [a] = await t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
  return { actor: (await findActor(t.db, a!.id))!, sessionId: "00000000-0000-4000-8000-000000000000" };
}
async function localeOf(login: string): Promise<string> {
  const [a] = await t.db.select({ locale: accounts.locale }).from(accounts).where(eq(accounts.login, login));
  return a!.locale;
}

describe("R-OVS-5: the family's choice of the guidance language", () => {
  const guardian = DEMO_FAMILY.student3A.guardians[0]!.login;
  const otherGuardian = DEMO_FAMILY.student3A.guardians[1]!.login;

  it("R-OVS-5: a guardian's choice is saved on their own account, and read back with the session's actor; the other guardian's account is untouched", async () => {
    const res = await runAction(choose, await signedIn(guardian), { locale: "ar" }, t.db, NOW);
    expect(res).toEqual({ ok: true, data: { locale: "ar" } });
    expect(await localeOf(guardian)).toBe("ar");
    expect(await localeOf(otherGuardian)).toBe("fr");
    expect((await signedIn(guardian)).actor.locale).toBe("ar");
    await runAction(choose, await signedIn(guardian), { locale: "fr" }, t.db, NOW);
    expect(await localeOf(guardian)).toBe("fr");
  });

  it("R-OVS-5: a student chooses too; a language outside fr/en/ar is refused in French and nothing changes", async () => {
    const student = DEMO_FAMILY.student3A.student.login;
    expect((await runAction(choose, await signedIn(student), { locale: "en" }, t.db, NOW)).ok).toBe(true);
    expect(await localeOf(student)).toBe("en");
    const bad = await runAction(choose, await signedIn(student), { locale: "de" }, t.db, NOW);
    expect(bad).toMatchObject({ ok: false, fieldErrors: { locale: [LOCALE_INVALID_MESSAGE] } });
    expect(await localeOf(student)).toBe("en");
  });

  it("R-OVS-5: the school's staff and the saio have no family guidance language to choose", async () => {
    const res = await runAction(choose, await signedIn("saio.grenoble"), { locale: "en" }, t.db, NOW);
    expect(res).toMatchObject({ ok: false, code: "LOCALE_NOT_FOR_ROLE" });
    expect(await localeOf("saio.grenoble")).toBe("fr");
  });
});

describe("R-OVS-5: the académie's pages for families", () => {
  it("R-OVS-5: the saio's resource and assistance pages are saved and read for the family home of the académie's children", async () => {
    const saio = (await signedIn("saio.grenoble")).actor;
    const [before] = await findAcademyFamilyLinks(t.db, [DEMO_ACADEMY_ID]);
    expect(before).toMatchObject({ resourcesUrl: "https://www.ac-grenoble.fr/orientation", assistanceUrl: "https://www.ac-grenoble.fr/assistance-familles" }); // the demo seed
    await saveAcademyParameters(
      t.db,
      saio,
      DEMO_ACADEMY_ID,
      {
        allowTrackDetails: true,
        allowStagePasserelle: false,
        senderEmail: "ne-pas-repondre@ac-grenoble.fr",
        appealDeadlineWorkingDays: 3,
        appealCommissionPresident: "",
        appealCommissionAddress: "",
        affectationUrl: "",
        resourcesUrl: "https://www.ac-grenoble.fr/guide-orientation",
        assistanceUrl: "",
      },
      NOW,
    );
    const guardian = (await signedIn(DEMO_FAMILY.student3A.guardians[0]!.login)).actor;
    const children = await loadFamilyHome(t.db, { guardianId: guardian.guardianId! }, NOW);
    expect([...new Set(children.map((c) => c.academyId))]).toEqual([DEMO_ACADEMY_ID]);
    expect(await findAcademyFamilyLinks(t.db, [DEMO_ACADEMY_ID])).toEqual([
      { id: DEMO_ACADEMY_ID, name: "Académie de Grenoble", resourcesUrl: "https://www.ac-grenoble.fr/guide-orientation", assistanceUrl: "" },
    ]);
    expect(await findAcademyFamilyLinks(t.db, [])).toEqual([]);
  });
});
