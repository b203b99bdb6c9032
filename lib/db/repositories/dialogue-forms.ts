import { asc, eq, inArray } from "drizzle-orm";
import type { TermMode } from "@/lib/domain/calendar";
import type { DialogueFormInput, DialogueItem } from "@/lib/domain/dialogue-form";
import type { Queryable } from "../client";
import {
  academies,
  appeals,
  councilProposals,
  decisions,
  divisions,
  guardians,
  interviews,
  opinions,
  schoolAcknowledgements,
  schoolAgreements,
  schoolFamilyAnswers,
  schoolFamilyEntries,
  schoolRequestItems,
  schoolRequests,
  schoolSignatures,
  schoolSpecialties,
  schools,
  studentGuardians,
  students,
} from "../schema";
import { personName } from "@/lib/domain/person-name";

/*
 * R-SCH-13: everything the fiche de dialogue prints, read from the back-office tables (what the
 * school knows; family entries arrive there by the nightly transfer).
 */

type ItemRow = typeof schoolRequestItems.$inferSelect;
const toItem = (
  r: Pick<ItemRow, "rank" | "track" | "subTrack" | "freeText" | "statusSchool" | "statusApprentice" | "specialties" | "stagePasserelle"> & { id?: string },
): DialogueItem => ({
  id: r.id,
  rank: r.rank,
  track: r.track,
  subTrack: r.subTrack,
  freeText: r.freeText,
  statusSchool: r.statusSchool,
  statusApprentice: r.statusApprentice,
  specialties: r.specialties,
  stagePasserelle: r.stagePasserelle,
});

/** The students of a division, in the order the fiches are printed. */
export async function findDivisionStudents(q: Queryable, divisionId: string) {
  return q
    .select({ id: students.id, lastName: students.lastName, firstName: students.firstName })
    .from(students)
    .where(eq(students.divisionId, divisionId))
    .orderBy(asc(students.lastName), asc(students.firstName));
}

export async function findDivisionStudentIds(q: Queryable, divisionId: string): Promise<string[]> {
  return (await findDivisionStudents(q, divisionId)).map((r) => r.id);
}

export async function findDivisionLabel(q: Queryable, divisionId: string) {
  const [d] = await q.select({ code: divisions.code, schoolId: divisions.schoolId }).from(divisions).where(eq(divisions.id, divisionId));
  return d ?? null;
}

/** The fiches' data for students of ONE school, in the order of `studentIds`. */
export async function loadDialogueFormInputs(q: Queryable, studentIds: readonly string[], schoolYear: string): Promise<DialogueFormInput[]> {
  if (studentIds.length === 0) return [];
  const ids = [...studentIds];
  const base = await q
    .select({ student: students, divisionCode: divisions.code, level: divisions.level, school: schools, academy: academies })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(academies, eq(academies.id, schools.academyId))
    .where(inArray(students.id, ids));
  const schoolIds = [...new Set(base.map((b) => b.school.id))];
  const [
    guardianRows,
    requestRows,
    entryRows,
    opinionRows,
    ackRows,
    proposalRows,
    answerRows,
    agreementRows,
    decisionRows,
    signatureRows,
    interviewRows,
    appealRows,
    specialtyRows,
  ] = await Promise.all([
    q
      .select({
        studentId: studentGuardians.studentId,
        rank: studentGuardians.rank,
        civility: guardians.civility,
        firstName: guardians.firstName,
        lastName: guardians.lastName,
      })
      .from(studentGuardians)
      .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
      .where(inArray(studentGuardians.studentId, ids)),
    q
      .select({ request: schoolRequests, item: schoolRequestItems })
      .from(schoolRequests)
      .leftJoin(schoolRequestItems, eq(schoolRequestItems.requestId, schoolRequests.id))
      .where(inArray(schoolRequests.studentId, ids)),
    q.select().from(schoolFamilyEntries).where(inArray(schoolFamilyEntries.studentId, ids)),
    q.select().from(opinions).where(inArray(opinions.studentId, ids)),
    q.select().from(schoolAcknowledgements).where(inArray(schoolAcknowledgements.studentId, ids)),
    q.select().from(councilProposals).where(inArray(councilProposals.studentId, ids)).orderBy(asc(councilProposals.rank)),
    q.select().from(schoolFamilyAnswers).where(inArray(schoolFamilyAnswers.studentId, ids)),
    q
      .select({ agreement: schoolAgreements, civility: guardians.civility, firstName: guardians.firstName, lastName: guardians.lastName })
      .from(schoolAgreements)
      .innerJoin(guardians, eq(guardians.id, schoolAgreements.guardianId))
      .where(inArray(schoolAgreements.studentId, ids))
      .orderBy(asc(schoolAgreements.answeredAt)),
    q.select().from(decisions).where(inArray(decisions.studentId, ids)),
    q
      .select({ schoolId: schoolSignatures.schoolId, signatoryName: schoolSignatures.signatoryName })
      .from(schoolSignatures)
      .where(inArray(schoolSignatures.schoolId, schoolIds)),
    q.select().from(interviews).where(inArray(interviews.studentId, ids)).orderBy(asc(interviews.heldAt)),
    q.select().from(appeals).where(inArray(appeals.studentId, ids)),
    q.select().from(schoolSpecialties).where(inArray(schoolSpecialties.schoolId, schoolIds)),
  ]);

  const byId = new Map(base.map((b) => [b.student.id, b]));
  return ids.flatMap((id): DialogueFormInput[] => {
    const b = byId.get(id);
    if (!b) return [];
    const requests = new Map<string, DialogueFormInput["requests"][number]>();
    for (const r of requestRows.filter((x) => x.request.studentId === id)) {
      let req = requests.get(r.request.id);
      if (!req) {
        req = {
          phase: r.request.phase,
          source: r.request.source,
          enteredByName: r.request.enteredByName,
          enteredAt: r.request.enteredAt,
          changedBySchoolName: r.request.changedBySchoolName,
          changedBySchoolAt: r.request.changedBySchoolAt,
          items: [],
        };
        requests.set(r.request.id, req);
      }
      if (r.item) req.items.push(toItem(r.item));
    }
    const answer = answerRows.find((a) => a.studentId === id);
    const decision = decisionRows.find((d) => d.studentId === id);
    const appeal = appealRows.find((a) => a.studentId === id);
    const ack = ackRows.find((a) => a.studentId === id);
    return [
      {
        schoolYear,
        school: {
          name: b.school.name,
          uai: b.school.uai,
          address: b.school.address,
          postalCode: b.school.postalCode,
          city: b.school.city,
          phone: b.school.phone,
          email: b.school.email,
          termMode: b.school.termMode as TermMode,
        },
        academy: { appealCommissionPresident: b.academy.appealCommissionPresident, appealCommissionAddress: b.academy.appealCommissionAddress },
        student: {
          lastName: b.student.lastName,
          firstName: b.student.firstName,
          ine: b.student.ine,
          birthDate: b.student.birthDate,
          divisionCode: b.divisionCode,
          level: b.level,
          outOfProcedureReason: b.student.outOfProcedureReason,
        },
        // R-2GT-4: the lycée's list marks the other spécialités «hors établissement».
        offeredSpecialties: b.level === "2GT" ? specialtyRows.filter((x) => x.schoolId === b.school.id).map((x) => x.specialty) : [],
        guardians: guardianRows
          .filter((g) => g.studentId === id)
          .map((g) => ({ rank: g.rank, civility: g.civility, firstName: g.firstName, lastName: g.lastName })),
        requests: [...requests.values()],
        // Where the back-office request of a phase exists the fiche shows it instead (lib/domain/dialogue-form.ts).
        familyEntries: entryRows
          .filter((e) => e.studentId === id)
          .map((e) => ({
            phase: e.phase,
            enteredByName: e.enteredByName,
            enteredAt: e.enteredAt,
            items: e.items.map((i) => toItem(i)),
            nonTraitee: e.nonTraitee,
          })),
        opinions: opinionRows
          .filter((o) => o.studentId === id)
          .map((o) => ({ itemId: o.itemId, value: o.value, comment: o.comment, enteredAt: o.enteredAt, enteredByName: o.enteredByName })),
        acknowledgement: ack ? { byName: ack.acknowledgedByName, at: ack.acknowledgedAt } : null,
        proposals: proposalRows
          .filter((p) => p.studentId === id)
          .map((p) => ({
            id: p.id,
            kind: p.kind,
            choiceItemId: p.choiceItemId,
            item: toItem(p),
            answer: p.answer,
            motivation: p.motivation,
            enteredAt: p.enteredAt,
            enteredByName: p.enteredByName,
            updatedAt: p.updatedAt,
            publishedAt: p.publishedAt,
          })),
        answer: answer
          ? {
              source: answer.source,
              kind: answer.kind,
              acceptedProposalIds: answer.acceptedProposalIds,
              answeredByName: answer.answeredByName,
              answeredAt: answer.answeredAt,
            }
          : null,
        agreements: agreementRows
          .filter((a) => a.agreement.studentId === id)
          .map((a) => ({
            guardianName: personName(a),
            agrees: a.agreement.agrees,
            answeredByName: a.agreement.answeredByName,
            answeredAt: a.agreement.answeredAt,
            source: a.agreement.source,
          })),
        decision: decision
          ? {
              item: toItem(decision),
              source: decision.source,
              differsFromRequest: decision.differsFromRequest,
              reasonKnowledge: decision.reasonKnowledge,
              reasonAbilities: decision.reasonAbilities,
              reasonInterests: decision.reasonInterests,
              notifiedOn: decision.notifiedOn,
              noticeChannel: decision.noticeChannel,
              appealDeadline: decision.appealDeadline,
              decidedAt: decision.decidedAt,
              decidedByName: decision.decidedByName,
              maintienAt: decision.maintienAt,
              maintienByName: decision.maintienByName,
            }
          : null,
        interviews: interviewRows
          .filter((i) => i.studentId === id)
          .map((i) => ({
            heldAt: i.heldAt,
            participants: i.participants,
            outcome: i.outcome,
            agreedTrack: i.agreedTrack,
            agreedSubTrack: i.agreedSubTrack,
            notes: i.notes,
            enteredByName: i.enteredByName,
          })),
        appeal: appeal
          ? {
              requestedOn: appeal.requestedOn,
              requestedByName: appeal.requestedByName,
              commissionDate: appeal.commissionDate,
              outcome: appeal.outcome,
              commissionTrack: appeal.commissionTrack,
              commissionSubTrack: appeal.commissionSubTrack,
              commissionNotes: appeal.commissionNotes,
            }
          : null,
        signatoryName: signatureRows.find((s) => s.schoolId === b.school.id)?.signatoryName ?? null,
      },
    ];
  });
}
