import { recordAudit, type AuditActor } from "@/lib/audit";
import type { Actor } from "@/lib/auth/policy";
import type { Db, Queryable } from "@/lib/db/client";
import {
  findDivisionOptions, findStudentRows, findStudentsWithoutFamilyEntry, setOutOfProcedure, type StudentListFilters,
} from "@/lib/db/repositories/school-students";
import { DomainError } from "@/lib/domain/errors";

/**
 * R-SCH-14: the divisions a staff member sees in lists: all of the school for the head and a
 * delegated homeroom teacher, their own divisions for a homeroom teacher. undefined = all.
 */
export function visibleDivisionIds(actor: Actor): readonly string[] | undefined {
  if (actor.role === "head") return undefined;
  if (actor.role === "homeroom") return actor.delegatedByHead ? undefined : actor.homeroomDivisionIds;
  return [];
}

/** R-SCH-10: the filtered student list of the actor's school, as much as the actor may see. */
export async function loadStudentList(q: Queryable, actor: Actor, filters: StudentListFilters) {
  const only = visibleDivisionIds(actor);
  const [rows, divisions] = await Promise.all([
    findStudentRows(q, { schoolId: actor.schoolId!, onlyDivisionIds: only, filters }),
    findDivisionOptions(q, actor.schoolId!, only),
  ]);
  return { rows, divisions };
}

/** R-SCH-11: "Suivi des saisies TS", restricted like the list. */
export async function loadFamilyEntryFollowUp(q: Queryable, actor: Actor) {
  return findStudentsWithoutFamilyEntry(q, actor.schoolId!, visibleDivisionIds(actor), "provisional");
}

export const OUT_OF_PROCEDURE_REASON_MAX = 500;

/**
 * R-SCH-12: sets a student "hors procédure" with its reason (they leave the procedure and the
 * statistics), or brings them back (reason null). The caller has checked "manage:student-file".
 */
export async function changeOutOfProcedure(db: Db, actor: AuditActor, input: { studentId: string; reason: string | null }, now: Date) {
  const reason = input.reason?.trim() || null;
  if (input.reason !== null && !reason) {
    throw new DomainError("REASON_REQUIRED", "Indiquez la raison pour laquelle l'élève ne peut pas suivre l'intégralité de la procédure d'orientation.", {
      reason: ["La raison est obligatoire."],
    });
  }
  if (reason && reason.length > OUT_OF_PROCEDURE_REASON_MAX) {
    throw new DomainError("REASON_TOO_LONG", `La raison ne peut pas dépasser ${OUT_OF_PROCEDURE_REASON_MAX} caractères.`);
  }
  await db.transaction(async (tx) => {
    await setOutOfProcedure(tx, input.studentId, reason, now);
    await recordAudit(tx, actor, reason ? "student.out-of-procedure" : "student.back-in-procedure", { type: "student", id: input.studentId }, reason ? { reason } : undefined, now);
  });
}

/** The list's filters from the query string (?niveau=&division=&mef=&nom=&prenom=), shared by the screen and the exports. */
export function parseListFilters(params: Record<string, string | string[] | undefined>): StudentListFilters {
  const one = (k: string) => {
    const v = params[k];
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 100) || undefined;
  };
  const level = one("niveau");
  const division = one("division");
  return {
    level: level === "3e" || level === "2GT" ? level : undefined,
    divisionId: division && /^[0-9a-f-]{36}$/i.test(division) ? division : undefined,
    mefCode: one("mef"),
    lastName: one("nom"),
    firstName: one("prenom"),
  };
}

export function filtersToQuery(f: StudentListFilters): string {
  const p = new URLSearchParams();
  if (f.level) p.set("niveau", f.level);
  if (f.divisionId) p.set("division", f.divisionId);
  if (f.mefCode) p.set("mef", f.mefCode);
  if (f.lastName) p.set("nom", f.lastName);
  if (f.firstName) p.set("prenom", f.firstName);
  return p.toString();
}
