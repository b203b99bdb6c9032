import { asc, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import { jsonFields, readOne, rows } from "../read-together";
import type { AcademyParameters } from "@/lib/domain/academy-parameters";
import type { Queryable } from "../client";
import { academies, classCouncils, divisions, schools } from "../schema";

/* An académie (its name and its parameters) and its schools, as the académie's screens show them. */

export async function findAcademy(q: Queryable, academyId: string) {
  const [a] = await q.select().from(academies).where(eq(academies.id, academyId));
  return a ?? null;
}

/** R-INT-5, R-2GT-5, R-FIN-11 and the sender address: the parameters the saio sets. */
export async function updateAcademyParameters(q: Queryable, academyId: string, p: AcademyParameters) {
  await q.update(academies).set(p).where(eq(academies.id, academyId));
}

const familyLinkFields = { id: academies.id, name: academies.name, resourcesUrl: academies.resourcesUrl, assistanceUrl: academies.assistanceUrl };

/** R-OVS-5: the pages for families ("" = none) of these académies (a list, or a subquery of ids), by name: a part of the family home's one statement. */
export function academyFamilyLinksPart(q: Queryable, academyIds: string[] | SQLWrapper) {
  return rows(familyLinkFields, q.select(jsonFields(familyLinkFields)).from(academies).where(inArray(academies.id, academyIds)), ["name"]);
}

/** R-OVS-5: the pages for families of the académies named. */
export async function findAcademyFamilyLinks(q: Queryable, academyIds: readonly string[]) {
  if (academyIds.length === 0) return [];
  return readOne(q, academyFamilyLinksPart(q, [...academyIds]));
}

/**
 * The académie home: its schools with their divisions and open provisional councils (open school
 * year; a few rows per school, counted live). The students and entries come from the académie's kept
 * statistics (R-OVS-1): counting them live over a large académie takes over a second.
 */
export async function findSchoolStructure(q: Queryable, academyId: string) {
  return q
    .select({
      id: schools.id,
      uai: schools.uai,
      name: schools.name,
      city: schools.city,
      // R-DATA-3: the school's open year only (its closed years are read back from the school's screens).
      divisions: sql<number>`(select count(*) from ${divisions} d where d.school_id = "schools"."id" and d.school_year = "schools"."school_year")::int`,
      councilsOpen: sql<number>`(select count(*) from ${classCouncils} c join ${divisions} d on d.id = c.division_id where d.school_id = "schools"."id" and d.school_year = "schools"."school_year" and c.state = 'open' and c.phase = 'provisional')::int`,
    })
    .from(schools)
    .where(eq(schools.academyId, academyId))
    .orderBy(asc(schools.name));
}
