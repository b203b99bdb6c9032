import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { DEMO_ACCOUNTS } from "@/lib/db/demo-accounts";
import { findActor } from "@/lib/db/repositories/scopes";
import { accounts, campaignWindows, councilProposals, schoolRequestItems, schoolRequests, studentGuardians } from "@/lib/db/schema";
import type { Level, Phase } from "@/lib/domain/tracks";

/** The actor of a demo account, by login. */
export async function actorByLogin(db: Db, login: string): Promise<Actor> {
  const [a] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
  return (await findActor(db, a!.id))!;
}

/** The actor of the demo account of this role whose label names `part` (e.g. "head", "Collège"; "homeroom", "3A"). */
export function demoActor(db: Db, role: string, part: string): Promise<Actor> {
  return actorByLogin(db, DEMO_ACCOUNTS.find((a) => a.role === role && a.label.includes(part))!.login);
}

/** Moves the campaign window of `level` and `phase` (every académie of the test database) to [opensAt, closesAt]. */
export async function setCampaignWindow(db: Db, level: Level, phase: Phase, opensAt: Date, closesAt: Date): Promise<void> {
  await db
    .update(campaignWindows)
    .set({ opensAt, closesAt })
    .where(and(eq(campaignWindows.level, level), eq(campaignWindows.phase, phase)));
}

/** A student with final choices and proposals: the ids of its proposals and of its guardians (by rank). */
export type StudentWithProposals = { id: string; guardians: string[]; yes: string; no: string; extra: string };

/**
 * R-FIN-2 / R-FIN-5: the school's final choices (2GT, 2PRO) and the council's proposals: «Oui» on
 * 2GT, «Non» on 2PRO, and a CAP proposed; entered at `at`.
 */
export async function withFinalProposals(db: Db, studentId: string, at: Date): Promise<StudentWithProposals> {
  const items = await db.transaction(async (tx) => {
    const [r] = await tx.insert(schoolRequests).values({ studentId, phase: "final", source: "school", enteredByName: "test", enteredAt: at }).returning();
    return tx
      .insert(schoolRequestItems)
      .values([
        { requestId: r!.id, rank: 1, track: "2GT" },
        { requestId: r!.id, rank: 2, track: "2PRO", statusSchool: true },
      ])
      .returning();
  });
  const base = { studentId, enteredAt: at, enteredByName: "test", updatedAt: at };
  const [yes, no, extra] = await db
    .insert(councilProposals)
    .values([
      { ...base, kind: "answer_to_choice", choiceItemId: items[0]!.id, rank: 1, track: "2GT", answer: "yes" },
      { ...base, kind: "answer_to_choice", choiceItemId: items[1]!.id, rank: 2, track: "2PRO", statusSchool: true, answer: "no" },
      { ...base, kind: "extra", rank: 3, track: "CAP", statusSchool: true },
    ])
    .returning();
  const gs = await db
    .select({ id: studentGuardians.guardianId })
    .from(studentGuardians)
    .where(eq(studentGuardians.studentId, studentId))
    .orderBy(asc(studentGuardians.rank));
  return { id: studentId, guardians: gs.map((g) => g.id), yes: yes!.id, no: no!.id, extra: extra!.id };
}
