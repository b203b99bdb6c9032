import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkOidcIdentity } from "@/lib/db/repositories/oidc";
import { guardians } from "@/lib/db/schema";
import { familyClaimsSchema, type FamilyClaims } from "@/lib/domain/oidc-claims";
import { seedCampaign } from "../support/campaign";
import { createTestDb, type TestDb } from "../support/test-db";

/*
 * R-AUTH-4 / R-FIN-8: a guardian whose civility the school's records leave unknown takes the one
 * the identity provider gives (OpenID Connect `gender` claim) at sign-in; a known one is kept.
 */
const NOW = new Date("2027-05-03T09:00:00Z");
const issuer = "https://educonnect.example.fr";
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ poolSize: 2 });
});
afterAll(async () => {
  await t?.drop();
});

async function claimsFor(studentId: string, guardianId: string, sub: string, gender?: string): Promise<FamilyClaims> {
  const [r] = (
    (await t.db.execute(sql`
      select s.ine, sc.uai, s.first_name as s_first, s.last_name as s_last, g.first_name, g.last_name
        from students s join schools sc on sc.id = s.school_id, guardians g where s.id = ${studentId} and g.id = ${guardianId}`)) as unknown as {
      rows: { ine: string; uai: string; s_first: string; s_last: string; first_name: string; last_name: string }[];
    }
  ).rows;
  return familyClaimsSchema.parse({
    edu_profile: "guardian",
    sub,
    given_name: r!.first_name,
    family_name: r!.last_name,
    ...(gender === undefined ? {} : { gender }),
    children: [{ ine: r!.ine, uai: r!.uai, given_name: r!.s_first, family_name: r!.s_last }],
  });
}
const civilityOf = async (id: string) => (await t.db.select({ c: guardians.civility }).from(guardians).where(eq(guardians.id, id)))[0]!.c;

describe("R-AUTH-4: civility from the identity provider", () => {
  it("R-AUTH-4 / R-FIN-8: an unknown civility is stored from the `gender` claim, at the first sign-in or a later one; a known one is never replaced", async () => {
    const c = await seedCampaign(t.db, 2);
    const [mother, father] = c.guardianIds[0]! as [string, string];
    await t.db.update(guardians).set({ civility: null }).where(eq(guardians.id, mother));
    expect(await linkOidcIdentity(t.db, issuer, await claimsFor(c.studentIds[0]!, mother, "sub-mother", "female"), NOW)).not.toBeNull();
    expect(await civilityOf(mother)).toBe("Mme");

    // Known «M.»: a contrary claim changes nothing.
    expect(await linkOidcIdentity(t.db, issuer, await claimsFor(c.studentIds[0]!, father, "sub-father", "female"), NOW)).not.toBeNull();
    expect(await civilityOf(father)).toBe("M.");

    // No claim, or another value: stays unknown; a later sign-in that gives it stores it.
    const [other] = c.guardianIds[1]! as [string, string];
    await t.db.update(guardians).set({ civility: null }).where(eq(guardians.id, other));
    const acc = await linkOidcIdentity(t.db, issuer, await claimsFor(c.studentIds[1]!, other, "sub-other"), NOW);
    expect(await civilityOf(other)).toBeNull();
    expect(await linkOidcIdentity(t.db, issuer, await claimsFor(c.studentIds[1]!, other, "sub-other", "unspecified"), NOW)).toBe(acc);
    expect(await civilityOf(other)).toBeNull();
    expect(await linkOidcIdentity(t.db, issuer, await claimsFor(c.studentIds[1]!, other, "sub-other", "male"), NOW)).toBe(acc);
    expect(await civilityOf(other)).toBe("M.");
  });
});
