import { and, asc, eq, sql } from "drizzle-orm";
import { inSchoolYear } from "./school-year";
import type { TermMode } from "@/lib/domain/calendar";
import type { Level, Phase } from "@/lib/domain/tracks";
import type { Queryable } from "../client";
import { jsonFields, mapPart, readOne, rows, type Part } from "../read-together";
import { accounts, divisions, homeroomDivisions, schoolServiceClosures, schoolSignatures, schoolSpecialties, schools } from "../schema";

/*
 * "Vie de l'établissement" (R-CAL-3, R-CAL-4, R-2GT-4, R-SCH-13 signature, R-SCH-14 delegation).
 */

/** The levels a school teaches (from its divisions): the services it can open or close. */
export async function findSchoolLevels(q: Queryable, schoolId: string): Promise<Level[]> {
  const rows = await q
    .selectDistinct({ level: divisions.level })
    .from(divisions)
    .where(and(eq(divisions.schoolId, schoolId), inSchoolYear(divisions.schoolYear, divisions.schoolId)))
    .orderBy(asc(divisions.level));
  return rows.map((r) => r.level);
}

export async function findSchoolClosures(q: Queryable, schoolId: string) {
  return q.select().from(schoolServiceClosures).where(eq(schoolServiceClosures.schoolId, schoolId));
}

export async function upsertServiceClosure(
  q: Queryable,
  c: { schoolId: string; level: Level; phase: Phase; closed: boolean; updatedAt: Date; updatedByName: string },
) {
  await q
    .insert(schoolServiceClosures)
    .values(c)
    .onConflictDoUpdate({
      target: [schoolServiceClosures.schoolId, schoolServiceClosures.level, schoolServiceClosures.phase],
      set: { closed: sql`excluded.closed`, updatedAt: sql`excluded.updated_at`, updatedByName: sql`excluded.updated_by_name` },
    });
}

export async function updateTermMode(q: Queryable, schoolId: string, termMode: TermMode) {
  await q.update(schools).set({ termMode }).where(eq(schools.id, schoolId));
}

export function offeredSpecialtiesPart(q: Queryable, schoolId: string): Part<string[]> {
  const fields = { s: schoolSpecialties.specialty };
  return mapPart(rows(fields, q.select(jsonFields(fields)).from(schoolSpecialties).where(eq(schoolSpecialties.schoolId, schoolId))), (list) =>
    list.map((r) => r.s),
  );
}

export function findOfferedSpecialties(q: Queryable, schoolId: string): Promise<string[]> {
  return readOne(q, offeredSpecialtiesPart(q, schoolId));
}

export async function replaceOfferedSpecialties(q: Queryable, schoolId: string, specialties: readonly string[]) {
  await q.delete(schoolSpecialties).where(eq(schoolSpecialties.schoolId, schoolId));
  if (specialties.length > 0) await q.insert(schoolSpecialties).values(specialties.map((specialty) => ({ schoolId, specialty })));
}

/** The homeroom teachers of a school, with the divisions they lead and their delegation (R-SCH-14). */
export async function findHomeroomTeachers(q: Queryable, schoolId: string) {
  const rows = await q
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      delegatedByHead: accounts.delegatedByHead,
      divisionCodes: sql<string[]>`coalesce(array_agg(${divisions.code} order by ${divisions.code}) filter (where ${divisions.id} is not null), '{}')`,
    })
    .from(accounts)
    .leftJoin(homeroomDivisions, eq(homeroomDivisions.accountId, accounts.id))
    .leftJoin(divisions, eq(divisions.id, homeroomDivisions.divisionId))
    .where(and(eq(accounts.schoolId, schoolId), eq(accounts.role, "homeroom"), eq(accounts.disabled, false)))
    .groupBy(accounts.id)
    .orderBy(asc(accounts.displayName));
  return rows;
}

export async function findHomeroomAccount(q: Queryable, accountId: string) {
  const [a] = await q
    .select({ id: accounts.id, schoolId: accounts.schoolId, displayName: accounts.displayName, delegatedByHead: accounts.delegatedByHead })
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.role, "homeroom")));
  return a ?? null;
}

export async function updateDelegation(q: Queryable, accountId: string, delegated: boolean) {
  await q
    .update(accounts)
    .set({ delegatedByHead: delegated })
    .where(and(eq(accounts.id, accountId), eq(accounts.role, "homeroom")));
}

/** The signature's facts without its bytes (for the settings screen). */
export async function findSignatureInfo(q: Queryable, schoolId: string) {
  const [s] = await q
    .select({
      mimeType: schoolSignatures.mimeType,
      signatoryName: schoolSignatures.signatoryName,
      uploadedAt: schoolSignatures.uploadedAt,
      bytes: sql<number>`octet_length(${schoolSignatures.image})::int`,
    })
    .from(schoolSignatures)
    .where(eq(schoolSignatures.schoolId, schoolId));
  return s ?? null;
}

export async function findSignature(q: Queryable, schoolId: string) {
  const [s] = await q.select().from(schoolSignatures).where(eq(schoolSignatures.schoolId, schoolId));
  return s ?? null;
}

export async function upsertSignature(q: Queryable, s: { schoolId: string; mimeType: string; image: Buffer; signatoryName: string; uploadedAt: Date }) {
  await q
    .insert(schoolSignatures)
    .values(s)
    .onConflictDoUpdate({
      target: schoolSignatures.schoolId,
      set: {
        mimeType: sql`excluded.mime_type`,
        image: sql`excluded.image`,
        signatoryName: sql`excluded.signatory_name`,
        uploadedAt: sql`excluded.uploaded_at`,
      },
    });
}

export async function deleteSignature(q: Queryable, schoolId: string) {
  await q.delete(schoolSignatures).where(eq(schoolSignatures.schoolId, schoolId));
}
