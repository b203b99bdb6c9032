import { recordAudit, type AuditActor } from "@/lib/audit";
import { visibleDivisions, type Actor } from "@/lib/auth/policy";
import type { Db, Queryable } from "@/lib/db/client";
import {
  findDivisionOptions,
  findFinalFollowUp,
  findStudentRows,
  findStudentsWithoutFamilyEntry,
  setOutOfProcedure,
} from "@/lib/db/repositories/school-students";
import { applyProcedureFilter, type StudentListFilters } from "@/lib/domain/school-lists";
import type { IsoDay } from "@/lib/domain/working-days";
import { procedureOf } from "@/lib/export/student-list";
import { normaliseOutOfProcedureReason } from "@/lib/domain/school-requests";

/**
 * R-SCH-10: the filtered student list of a school, as much as the actor may see (R-SCH-14,
 * decided by the policy's `visibleDivisions`). The caller has checked "read:school" on it.
 * «Décision et appel» filters on the procedure's state on `today` (lib/domain/decision.ts), the
 * same state the badges show; «délai d'appel en cours» sorts by the jours ouvrables left.
 */
export async function loadStudentList(q: Queryable, actor: Actor, filters: StudentListFilters, today: IsoDay, schoolId: string = actor.schoolId!) {
  const visible = visibleDivisions(actor);
  const [all, divisions] = await Promise.all([
    findStudentRows(q, { schoolId, divisions: visible, filters }),
    findDivisionOptions(q, schoolId, visible, filters.schoolYear),
  ]);
  const rows = applyProcedureFilter(all, filters.finalProcedure, (r) => procedureOf(r, today));
  return { rows, divisions };
}

/** R-SCH-11: "Suivi des saisies TS", restricted like the list (R-SCH-14). */
export async function loadFamilyEntryFollowUp(q: Queryable, actor: Actor, schoolId: string = actor.schoolId!) {
  return findStudentsWithoutFamilyEntry(q, schoolId, visibleDivisions(actor), "provisional");
}

/**
 * R-SCH-11, final phase: the families with no validated final choice, and those with published
 * proposals and no answer, restricted like the list (R-SCH-14); hors procédure excluded.
 */
export async function loadFinalFollowUp(q: Queryable, actor: Actor, schoolId: string = actor.schoolId!) {
  const visible = visibleDivisions(actor);
  const [noChoices, unanswered] = await Promise.all([
    findFinalFollowUp(q, schoolId, visible, "no_choices"),
    findFinalFollowUp(q, schoolId, visible, "unanswered"),
  ]);
  return { noChoices, unanswered };
}

/**
 * R-SCH-12: sets a student "hors procédure" with its reason (they leave the procedure and the
 * statistics), or brings them back (reason null). The caller has checked "manage:student-file".
 */
export async function changeOutOfProcedure(db: Db, actor: AuditActor, input: { studentId: string; reason: string | null }, now: Date) {
  const reason = normaliseOutOfProcedureReason(input.reason);
  await db.transaction(async (tx) => {
    await setOutOfProcedure(tx, input.studentId, reason, now);
    await recordAudit(
      tx,
      actor,
      reason ? "student.out-of-procedure" : "student.back-in-procedure",
      { type: "student", id: input.studentId },
      reason ? { reason } : undefined,
      now,
    );
  });
}
