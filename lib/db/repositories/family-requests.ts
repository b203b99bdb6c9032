import { and, eq, getTableColumns, gte, lte, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import { first, jsonFields, mapPart, readOne, readTogether, rows, type Part, type RowOf } from "../read-together";
import { academies, accounts, classCouncils, divisions, familyRequestItems, familyRequests, guardians, schools, studentGuardians, students } from "../schema";
import { fullItem, type Intention } from "@/lib/domain/intentions";
import { trackItemOf, type Phase } from "@/lib/domain/tracks";
import { senderAddress } from "@/lib/outbox/sender-address";

/** What an entry needs to know about a student: level, school, académie parameters, council. */
const entryContextFields = {
  studentId: students.id,
  firstName: students.firstName,
  lastName: students.lastName,
  outOfProcedureReason: students.outOfProcedureReason,
  schoolYear: students.schoolYear,
  leftOn: students.leftOn,
  openYear: schools.schoolYear,
  divisionId: divisions.id,
  level: divisions.level,
  schoolId: schools.id,
  academyId: schools.academyId,
  termMode: schools.termMode,
  allowTrackDetails: academies.allowTrackDetails,
  allowStagePasserelle: academies.allowStagePasserelle,
  councilState: classCouncils.state,
};
export type EntryContext = Omit<RowOf<typeof entryContextFields>, "councilState"> & { councilState: RowOf<typeof entryContextFields>["councilState"] | null };

/** What an entry needs to know about a student: level, school, académie parameters, council (none yet: null). */
export function entryContextPart(q: Queryable, studentId: string, phase: Phase): Part<EntryContext | null> {
  return first(
    entryContextFields,
    q
      .select(jsonFields(entryContextFields))
      .from(students)
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(academies, eq(academies.id, schools.academyId))
      .leftJoin(classCouncils, and(eq(classCouncils.divisionId, divisions.id), eq(classCouncils.phase, phase)))
      .where(eq(students.id, studentId)),
  );
}

export function findEntryContext(q: Queryable, studentId: string, phase: Phase): Promise<EntryContext | null> {
  return readOne(q, entryContextPart(q, studentId, phase));
}

export type StoredIntention = Intention & { rank: number };
export type FamilyRequestWithItems = {
  id: string;
  holderAccountId: string;
  holderName: string;
  version: number;
  validatedAt: Date;
  changedBySchoolAt: Date | null;
  changedBySchoolName: string | null;
  items: StoredIntention[];
};

const requestItemFields = getTableColumns(familyRequestItems);
const requestFields = getTableColumns(familyRequests);

/** The family's validated entry of a phase with its items by rank, or null. */
export function familyRequestPart(q: Queryable, studentId: string, phase: Phase): Part<FamilyRequestWithItems | null> {
  const items = rows(
    requestItemFields,
    q.select(jsonFields(requestItemFields)).from(familyRequestItems).where(eq(familyRequestItems.requestId, familyRequests.id)),
    ["rank"],
  );
  const fields = { ...requestFields, items };
  const part = first(
    fields,
    q
      .select(jsonFields(fields))
      .from(familyRequests)
      .where(and(eq(familyRequests.studentId, studentId), eq(familyRequests.phase, phase))),
  );
  return mapPart(part, (r) =>
    r
      ? {
          id: r.id,
          holderAccountId: r.holderAccountId,
          holderName: r.holderName,
          version: r.version,
          validatedAt: r.validatedAt,
          changedBySchoolAt: r.changedBySchoolAt,
          changedBySchoolName: r.changedBySchoolName,
          items: r.items.map(trackItemOf),
        }
      : null,
  );
}

export function findFamilyRequest(q: Queryable, studentId: string, phase: Phase): Promise<FamilyRequestWithItems | null> {
  return readOne(q, familyRequestPart(q, studentId, phase));
}

/**
 * R-INT-1: takes (or keeps) the hand on the student's request of the phase. The unique
 * (student, phase) key makes the insert of a second holder conflict; the conflict updates the row
 * only when it is the same holder. A concurrent validation by another account waits on the key,
 * then finds the row held by someone else: null, and the caller refuses.
 */
export async function takeHand(
  q: Queryable,
  v: { studentId: string; phase: Phase; accountId: string; holderName: string; at: Date },
): Promise<{ id: string; version: number } | null> {
  const rows = await q
    .insert(familyRequests)
    .values({ studentId: v.studentId, phase: v.phase, holderAccountId: v.accountId, holderName: v.holderName, validatedAt: v.at, version: 1 })
    .onConflictDoUpdate({
      target: [familyRequests.studentId, familyRequests.phase],
      set: { validatedAt: v.at, holderName: v.holderName, version: sql`${familyRequests.version} + 1` },
      setWhere: eq(familyRequests.holderAccountId, v.accountId),
    })
    .returning({ id: familyRequests.id, version: familyRequests.version });
  return rows[0] ?? null;
}

/** Replaces the items of a request (delete + insert; the deferred trigger checks 1..3 at commit). */
export async function replaceRequestItems(q: Queryable, requestId: string, items: readonly Intention[]): Promise<void> {
  await q.delete(familyRequestItems).where(eq(familyRequestItems.requestId, requestId));
  await q.insert(familyRequestItems).values(items.map((i, idx) => ({ requestId, rank: idx + 1, ...fullItem(i) })));
}

/** R-INT-8: the requests an account validated between two instants (one session). */
export async function findRequestsValidatedBy(q: Queryable, accountId: string, phase: Phase, from: Date, to: Date) {
  return q
    .select({ id: familyRequests.id, studentId: familyRequests.studentId, holderName: familyRequests.holderName, validatedAt: familyRequests.validatedAt })
    .from(familyRequests)
    .where(
      and(
        eq(familyRequests.holderAccountId, accountId),
        eq(familyRequests.phase, phase),
        gte(familyRequests.validatedAt, from),
        lte(familyRequests.validatedAt, to),
      ),
    );
}

const guardianFields = {
  guardianId: guardians.id,
  rank: studentGuardians.rank,
  civility: guardians.civility,
  firstName: guardians.firstName,
  lastName: guardians.lastName,
  email: guardians.email,
  accountId: accounts.id,
};
/** A student's guardians by rank, with their account (null: none yet). */
export function studentGuardianAccountsPart(q: Queryable, studentId: string) {
  const part = rows(
    guardianFields,
    q
      .select(jsonFields(guardianFields))
      .from(studentGuardians)
      .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
      .leftJoin(accounts, eq(accounts.guardianId, guardians.id))
      .where(eq(studentGuardians.studentId, studentId)),
    ["rank"],
  );
  return part as Part<(Omit<RowOf<typeof guardianFields>, "accountId"> & { accountId: string | null })[]>;
}

/** The people and the school an e-mail about a student is addressed from and to (R-INT-8). */
export async function findRecapRecipients(q: Queryable, studentId: string) {
  const fields = {
    firstName: students.firstName,
    lastName: students.lastName,
    schoolName: schools.name,
    address: schools.address,
    postalCode: schools.postalCode,
    city: schools.city,
    phone: schools.phone,
    email: schools.email,
    senderEmail: academies.senderEmail,
  };
  const { s, gs } = await readTogether(q, {
    s: first(
      fields,
      q
        .select(jsonFields(fields))
        .from(students)
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .innerJoin(academies, eq(academies.id, schools.academyId))
        .where(eq(students.id, studentId)),
    ),
    gs: studentGuardianAccountsPart(q, studentId),
  });
  if (!s) return null;
  const school = { name: s.schoolName, address: s.address, postalCode: s.postalCode, city: s.city, phone: s.phone, email: s.email };
  return { student: { firstName: s.firstName, lastName: s.lastName }, school, senderEmail: senderAddress(s.senderEmail), guardians: gs };
}
