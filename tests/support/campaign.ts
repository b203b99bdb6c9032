import type { Db } from "@/lib/db/client";
import { academies, accounts, divisions, guardians, schools, studentGuardians, students } from "@/lib/db/schema";

/*
 * A small campaign for the transfer's db tests (tests/db/sync*.test.ts): its own académie, a
 * collège with one 3e division of n students, two guardians each, both with an account.
 */

export type Campaign = { studentIds: string[]; divisionId: string; guardianAccountIds: string[][]; guardianIds: string[][] };

let seq = 0;
/** A school with one 3e division and n students, two guardians each (both with an account). */
export async function seedCampaign(db: Db, n: number): Promise<Campaign> {
  const tag = String(++seq);
  await db
    .insert(academies)
    .values({
      id: `acad${tag}`,
      name: "Académie de test",
      senderEmail: "ce.orientation@ac-test.fr",
      appealCommissionPresident: "M. le DASEN",
      appealCommissionAddress: "1 rue de l'Appel, 38000 Grenoble",
    })
    .onConflictDoNothing();
  const [school] = await db
    .insert(schools)
    .values({
      uai: `${String(1_000_000 + seq).slice(-7)}A`,
      academyId: `acad${tag}`,
      name: "Collège Les Tilleuls",
      address: "2 rue des Écoles",
      postalCode: "38000",
      city: "Grenoble",
      phone: "04 76 00 00 00",
      email: "ce.0380001a@ac-test.fr",
    })
    .returning();
  const [division] = await db.insert(divisions).values({ schoolId: school!.id, code: "3A", level: "3e", mefCode: "10310019110", mefLabel: "3EME" }).returning();
  const studentIds: string[] = [];
  const guardianAccountIds: string[][] = [];
  const guardianIds: string[][] = [];
  for (let i = 0; i < n; i++) {
    const [s] = await db
      .insert(students)
      .values({
        ine: `${tag.padStart(4, "0")}${String(i).padStart(7, "0")}`,
        schoolId: school!.id,
        divisionId: division!.id,
        lastName: `Élève${i}`,
        firstName: "Camille",
        birthDate: "2012-03-04",
      })
      .returning();
    studentIds.push(s!.id);
    const accs: string[] = [];
    const gids: string[] = [];
    for (const rank of [1, 2]) {
      const [g] = await db
        .insert(guardians)
        .values({
          civility: rank === 1 ? "Mme" : "M.",
          firstName: rank === 1 ? "Claire" : "Paul",
          lastName: `Parent${i}`,
          email: `parent${rank}.${tag}.${i}@example.fr`,
        })
        .returning();
      await db.insert(studentGuardians).values({ studentId: s!.id, guardianId: g!.id, rank });
      const [a] = await db
        .insert(accounts)
        .values({ role: "guardian", displayName: `${g!.firstName} ${g!.lastName}`, guardianId: g!.id })
        .returning();
      accs.push(a!.id);
      gids.push(g!.id);
    }
    guardianAccountIds.push(accs);
    guardianIds.push(gids);
  }
  return { studentIds, divisionId: division!.id, guardianAccountIds, guardianIds };
}
