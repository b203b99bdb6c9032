import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../client";
import {
  academies,
  classCouncils,
  divisions,
  opinions,
  schoolAcknowledgements,
  schoolRequestItems,
  schoolRequests,
  schools,
  students,
  type TrackItemSnapshot,
} from "../schema";
import { trackItemOf, type Phase, type TrackItem } from "@/lib/domain/tracks";
import { senderAddress } from "@/lib/outbox/sender-address";

/*
 * The back-office's intentions of one student (R-SCH-1, R-SCH-5): queries only.
 */

/** What the services need to know about a student: division, level, school contact, académie settings, council. */
export async function findStudentContext(q: Queryable, studentId: string, phase: Phase) {
  const [r] = await q
    .select({
      id: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      outOfProcedureReason: students.outOfProcedureReason,
      divisionId: divisions.id,
      divisionCode: divisions.code,
      level: divisions.level,
      schoolId: schools.id,
      school: { name: schools.name, address: schools.address, postalCode: schools.postalCode, city: schools.city, phone: schools.phone, email: schools.email },
      senderEmail: academies.senderEmail,
      allowTrackDetails: academies.allowTrackDetails,
      councilState: classCouncils.state,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(academies, eq(academies.id, schools.academyId))
    .leftJoin(classCouncils, and(eq(classCouncils.divisionId, divisions.id), eq(classCouncils.phase, phase)))
    .where(eq(students.id, studentId));
  return r ? { ...r, senderEmail: senderAddress(r.senderEmail), councilOpen: r.councilState === "open" } : null;
}

/** The student's request for the phase, locked for the transaction, with its items by rank. */
export async function lockRequest(q: Queryable, studentId: string, phase: Phase) {
  const rows = await q.execute<{ id: string }>(sql`select id from school_requests where student_id = ${studentId} and phase = ${phase} for update`);
  const id = rows.rows[0]?.id;
  if (!id) return null;
  const [r] = await q.select().from(schoolRequests).where(eq(schoolRequests.id, id));
  const items = await q.select().from(schoolRequestItems).where(eq(schoolRequestItems.requestId, id)).orderBy(asc(schoolRequestItems.rank));
  return { ...r!, items: items.map(trackItemOf) };
}

export function toSnapshot(items: readonly TrackItem[]): TrackItemSnapshot[] {
  return items.map((i) => ({ ...trackItemOf(i), specialties: [...i.specialties] }));
}

export async function countRequestOpinions(q: Queryable, requestId: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`
    select count(*)::int as n from opinions o join school_request_items i on i.id = o.item_id where i.request_id = ${requestId}`);
  return Number(r.rows[0]?.n ?? 0);
}

export async function insertRequest(q: Queryable, values: typeof schoolRequests.$inferInsert): Promise<string> {
  const [r] = await q.insert(schoolRequests).values(values).returning({ id: schoolRequests.id });
  return r!.id;
}

export async function updateRequest(q: Queryable, id: string, set: Partial<typeof schoolRequests.$inferInsert>) {
  await q.update(schoolRequests).set(set).where(eq(schoolRequests.id, id));
}

/** Replaces the items (their avis go with them: opinions cascade, R-SCH-5). */
export async function replaceRequestItems(q: Queryable, requestId: string, items: readonly TrackItem[]) {
  await q.delete(schoolRequestItems).where(eq(schoolRequestItems.requestId, requestId));
  if (items.length > 0) await q.insert(schoolRequestItems).values(items.map((i) => ({ requestId, ...i, specialties: [...i.specialties] })));
}

/** R-SCH-9: the acknowledgement of the student, if the family gave one. */
export async function findAcknowledgement(q: Queryable, studentId: string) {
  const [a] = await q.select().from(schoolAcknowledgements).where(eq(schoolAcknowledgements.studentId, studentId));
  return a ?? null;
}

/** R-SCH-9: those of these students whose family acknowledged the avis. */
export async function findAcknowledgedAmong(q: Queryable, studentIds: readonly string[]): Promise<string[]> {
  if (studentIds.length === 0) return [];
  const rows = await q
    .select({ id: schoolAcknowledgements.studentId })
    .from(schoolAcknowledgements)
    .where(inArray(schoolAcknowledgements.studentId, [...studentIds]));
  return rows.map((r) => r.id);
}

/** The avis of a division's intentions, with the item's student (R-SCH-7). */
export async function findDivisionItems(q: Queryable, divisionId: string, phase: Phase) {
  return q
    .select({
      itemId: schoolRequestItems.id,
      studentId: students.id,
      outOfProcedure: sql<boolean>`${students.outOfProcedureReason} is not null`,
      value: opinions.value,
      comment: opinions.comment,
    })
    .from(schoolRequestItems)
    .innerJoin(schoolRequests, eq(schoolRequests.id, schoolRequestItems.requestId))
    .innerJoin(students, eq(students.id, schoolRequests.studentId))
    .leftJoin(opinions, eq(opinions.itemId, schoolRequestItems.id))
    .where(and(eq(students.divisionId, divisionId), eq(schoolRequests.phase, phase)));
}

export async function insertOpinion(q: Queryable, v: typeof opinions.$inferInsert) {
  await q.insert(opinions).values(v);
}

export async function updateOpinion(
  q: Queryable,
  itemId: string,
  set: { value: "favorable" | "reserve" | "defavorable"; comment: string | null; updatedAt: Date; enteredByName: string },
) {
  await q.update(opinions).set(set).where(eq(opinions.itemId, itemId));
}

export async function deleteOpinion(q: Queryable, itemId: string) {
  await q.delete(opinions).where(eq(opinions.itemId, itemId));
}
