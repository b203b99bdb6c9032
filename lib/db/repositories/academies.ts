import { asc, eq, sql } from "drizzle-orm";
import type { AcademyParameters } from "@/lib/domain/academy-parameters";
import type { Queryable } from "../client";
import { academies, classCouncils, divisions, schoolFamilyEntries, schools, students } from "../schema";

/* An académie (its name and its parameters) and its schools, as the académie's screens show them. */

export async function findAcademy(q: Queryable, academyId: string) {
  const [a] = await q.select().from(academies).where(eq(academies.id, academyId));
  return a ?? null;
}

/** R-INT-5, R-2GT-5, R-FIN-11 and the sender address: the parameters the saio sets. */
export async function updateAcademyParameters(q: Queryable, academyId: string, p: AcademyParameters) {
  await q.update(academies).set(p).where(eq(academies.id, academyId));
}

/** The académie home: its schools with counts of students, online entries received and acknowledgements. */
export async function findSchoolSummaries(q: Queryable, academyId: string) {
  return q
    .select({
      id: schools.id,
      uai: schools.uai,
      name: schools.name,
      city: schools.city,
      divisions: sql<number>`(select count(*) from ${divisions} d where d.school_id = "schools"."id")::int`,
      students: sql<number>`(select count(*) from ${students} s where s.school_id = "schools"."id" and s.out_of_procedure_reason is null)::int`,
      familyEntries: sql<number>`(select count(*) from ${schoolFamilyEntries} e join ${students} s on s.id = e.student_id where s.school_id = "schools"."id" and e.phase = 'provisional')::int`,
      councilsOpen: sql<number>`(select count(*) from ${classCouncils} c join ${divisions} d on d.id = c.division_id where d.school_id = "schools"."id" and c.state = 'open' and c.phase = 'provisional')::int`,
    })
    .from(schools)
    .where(eq(schools.academyId, academyId))
    .orderBy(asc(schools.name));
}
