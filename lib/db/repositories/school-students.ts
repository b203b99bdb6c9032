import { and, asc, eq, getTableColumns, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { inSchoolYear } from "./school-year";
import type { Queryable } from "../client";
import {
  classCouncils,
  councilProposals,
  appeals,
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
  studentGuardians,
  students,
  type TrackItemSnapshot,
} from "../schema";
import { findFamilyToInform } from "./family-to-inform";
import { findGuardiansOfStudents } from "./student-guardians";
import { offeredSpecialtiesPart } from "./school-settings";
import { anyUuid, jsonFields, known, readTogether, rows } from "../read-together";
import type { OpinionValue } from "@/lib/domain/opinions";
import type { FinalAnswerFilter, FinalChoicesFilter, StudentListFilters } from "@/lib/domain/school-lists";
import { trackItemOf, type Level, type Phase, type TrackItem } from "@/lib/domain/tracks";
import { personName, type NamedPerson } from "@/lib/domain/person-name";

/*
 * The back-office's student list (R-SCH-10) and a student's file: the students of a school the
 * actor may see, with the family entry received, the school's intentions and their avis, and the
 * acknowledgement. Queries only; the caller passes which divisions the actor may see ("all" or
 * their ids, from the policy's `visibleDivisions`, R-SCH-14).
 */

export type { StudentListFilters };

/** Divisions a query is restricted to: "all" (no filter) or these ids (none: nothing). */
export type DivisionFilter = "all" | readonly string[];

export type OpinionRow = {
  value: OpinionValue;
  comment: string | null;
  enteredAt: Date;
  enteredByName: string;
  updatedAt: Date;
};
export type RequestItemRow = TrackItem & { id: string; opinion: OpinionRow | null };
export type SchoolRequestRow = {
  id: string;
  source: "family" | "school";
  enteredByName: string;
  enteredAt: Date;
  changedBySchoolAt: Date | null;
  changedBySchoolName: string | null;
  originalFamilyItems: TrackItemSnapshot[] | null;
  version: number;
  publishedVersion: number;
  items: RequestItemRow[];
};
export type FamilyEntryRow = { items: TrackItemSnapshot[]; enteredByName: string; enteredAt: Date; receivedAt: Date; nonTraitee: boolean };
export type AcknowledgementRow = {
  acknowledgedByName: string;
  acknowledgedAt: Date;
  familyToInform: boolean;
  familyInformedAt: Date | null;
  familyInformedByName: string | null;
};

/** The back-office's final choices (school_requests, phase final): who entered them, and any change by the school. */
export type FinalRequestRow = {
  source: "family" | "school";
  enteredByName: string;
  enteredAt: Date;
  changedBySchoolAt: Date | null;
  changedBySchoolName: string | null;
};
export type ProposalRow = TrackItem & {
  id: string;
  kind: "answer_to_choice" | "extra";
  choiceItemId: string | null;
  answer: "yes" | "no" | null;
  motivation: string | null;
  enteredByName: string;
  enteredAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
};
export type FamilyAnswerRow = {
  source: "family" | "school";
  kind: "accept" | "refuse_all";
  acceptedProposalIds: string[];
  answeredByName: string;
  answeredAt: Date;
};
export type AgreementRow = { guardianId: string; guardianName: string; source: "family" | "school"; agrees: boolean; answeredByName: string; answeredAt: Date };
export type FamilyToInformState = { toInform: boolean; flaggedAt: Date; informedAt: Date | null; informedByName: string | null };

/** The later steps of the procedure (final phase), for the list, its badges and its exports (R-SCH-8, R-SCH-10). */
export type FinalStepsRow = {
  /** The final class council of the division is open. */
  councilOpen: boolean;
  /** The family's validated final choices as received by the nightly transfer (TS), or "non traitée". */
  entry: FamilyEntryRow | null;
  request: FinalRequestRow | null;
  choices: (TrackItem & { id: string })[];
  proposals: ProposalRow[];
  answer: FamilyAnswerRow | null;
  /** The student's guardians, by rank, with the name the family service records ("Mme Anne Test"). */
  guardians: { id: string; name: string }[];
  agreements: AgreementRow[];
  /** R-SCH-9, final phase: proposals changed after their publication. */
  familyToInform: FamilyToInformState | null;
  decision: DecisionRow | null;
  /** R-FIN-9: the interviews with the head, oldest first. */
  interviews: InterviewRow[];
  /** R-FIN-9: the appeal and the commission's decision. */
  appeal: AppealRow | null;
};

/** R-FIN-8 / R-FIN-11 / R-FIN-12: the orientation decision as the back-office holds it. */
export type DecisionRow = TrackItem & {
  source: "agreement" | "head" | "commission";
  differsFromRequest: boolean;
  reasonKnowledge: string | null;
  reasonAbilities: string | null;
  reasonInterests: string | null;
  notifiedOn: string | null;
  noticeChannel: "email" | "paper" | null;
  appealDeadline: string | null;
  decidedAt: Date;
  decidedByName: string;
  publishedAt: Date | null;
  maintienAt: Date | null;
  maintienByName: string | null;
};
export type InterviewRow = {
  id: string;
  heldAt: Date;
  participants: string;
  outcome: "agreement" | "disagreement";
  agreedTrack: string | null;
  agreedSubTrack: string;
  notes: string | null;
  enteredByName: string;
};
export type AppealRow = {
  requestedOn: string;
  requestedByName: string;
  commissionDate: string | null;
  outcome: "pending" | "upheld" | "changed";
  commissionTrack: string | null;
  commissionSubTrack: string;
  commissionNotes: string | null;
  commissionDecidedAt: Date | null;
  commissionEnteredByName: string | null;
};

export type StudentRow = {
  id: string;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  divisionId: string;
  divisionCode: string;
  level: Level;
  mefCode: string;
  mefLabel: string;
  outOfProcedureReason: string | null;
  outOfProcedureAt: Date | null;
  /** R-DATA-1: the leaving date Siècle gave (the file is closed from that day on). */
  leftOn: string | null;
  councilOpen: boolean;
  familyEntry: FamilyEntryRow | null;
  request: SchoolRequestRow | null;
  acknowledgement: AcknowledgementRow | null;
  final: FinalStepsRow;
  /** R-2GT-4: the spécialités the student's lycée offers (a 2de GT student's lists mark the others «hors établissement»). */
  offeredSpecialties?: string[];
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** R-SCH-10: «Choix définitifs : saisis / non saisis» — validated online (received, even non traitée) or entered by the school. */
function finalChoicesCondition(v: FinalChoicesFilter): SQL {
  const entered = sql`(exists (select 1 from ${schoolRequests} r where r.student_id = ${students.id} and r.phase = 'final')
    or exists (select 1 from ${schoolFamilyEntries} e where e.student_id = ${students.id} and e.phase = 'final'))`;
  return v === "saisis" ? entered : sql`not ${entered}`;
}

/** R-SCH-10: «Réponse de la famille : attendue (propositions publiées, pas de réponse) / acceptée / refus». */
function finalAnswerCondition(v: FinalAnswerFilter): SQL {
  if (v === "attendue") {
    return sql`(exists (select 1 from ${councilProposals} p where p.student_id = ${students.id} and p.published_at is not null)
      and not exists (select 1 from ${schoolFamilyAnswers} a where a.student_id = ${students.id}))`;
  }
  return sql`exists (select 1 from ${schoolFamilyAnswers} a where a.student_id = ${students.id} and a.kind = ${v === "acceptee" ? "accept" : "refuse_all"})`;
}

/**
 * The students of a school matching the filters, restricted to `divisions` (R-SCH-14: a homeroom
 * teacher's own divisions), ordered by division, name, first name.
 */
export async function findStudentRows(
  q: Queryable,
  opts: { schoolId: string; divisions?: DivisionFilter; filters?: StudentListFilters; studentIds?: readonly string[]; phase?: Phase },
): Promise<StudentRow[]> {
  const phase = opts.phase ?? "provisional";
  const only = opts.divisions ?? "all";
  if (only !== "all" && only.length === 0) return [];
  const f = opts.filters ?? {};
  const where: SQL[] = [eq(students.schoolId, opts.schoolId)];
  if (only !== "all") where.push(inArray(students.divisionId, [...only]));
  // R-DATA-3: a list is of one school year (the open one unless asked); a file asked by its id is found in any year.
  if (opts.studentIds) where.push(inArray(students.id, [...opts.studentIds]));
  else where.push(inSchoolYear(students.schoolYear, students.schoolId, f.schoolYear));
  if (f.level) where.push(eq(divisions.level, f.level));
  if (f.divisionId) where.push(eq(divisions.id, f.divisionId));
  if (f.mefCode) where.push(eq(divisions.mefCode, f.mefCode));
  if (f.lastName?.trim()) where.push(ilike(students.lastName, `${escapeLike(f.lastName.trim())}%`));
  if (f.firstName?.trim()) where.push(ilike(students.firstName, `${escapeLike(f.firstName.trim())}%`));
  if (f.finalChoices) where.push(finalChoicesCondition(f.finalChoices));
  if (f.finalAnswer) where.push(finalAnswerCondition(f.finalAnswer));
  if (f.finalAgreement === "desaccord") {
    where.push(sql`exists (select 1 from ${schoolAgreements} g where g.student_id = ${students.id} and not g.agrees)`);
  }
  const base = await q
    .select({
      id: students.id,
      ine: students.ine,
      lastName: students.lastName,
      firstName: students.firstName,
      birthDate: students.birthDate,
      divisionId: divisions.id,
      divisionCode: divisions.code,
      level: divisions.level,
      mefCode: divisions.mefCode,
      mefLabel: divisions.mefLabel,
      leftOn: students.leftOn,
      outOfProcedureReason: students.outOfProcedureReason,
      outOfProcedureAt: students.outOfProcedureAt,
      councilState: classCouncils.state,
      finalCouncilOpen: sql<boolean>`exists (select 1 from ${classCouncils} c where c.division_id = ${divisions.id} and c.phase = 'final' and c.state = 'open')`,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .leftJoin(classCouncils, and(eq(classCouncils.divisionId, divisions.id), eq(classCouncils.phase, phase)))
    .where(and(...where))
    .orderBy(asc(divisions.code), asc(students.lastName), asc(students.firstName), asc(students.ine));
  if (base.length === 0) return [];
  const ids = base.map((s) => s.id);

  // The facts of every student listed: one statement (docs/performance.md), the ids as one parameter.
  const all = <T extends PgTable & { studentId: PgColumn }>(table: T, orderBy: (keyof T["_"]["columns"] & string)[] = []) => {
    const fields = getTableColumns(table) as T["_"]["columns"];
    return rows(
      fields,
      q
        .select(jsonFields(fields))
        .from(table as PgTable)
        .where(anyUuid(table.studentId, ids)),
      orderBy as never,
    );
  };
  const finalItemFields = { studentId: schoolRequests.studentId, ...getTableColumns(schoolRequestItems) };
  const [read, informFlags, guardianRows] = await Promise.all([
    readTogether(q, {
      allEntries: all(schoolFamilyEntries),
      allRequests: all(schoolRequests),
      acks: all(schoolAcknowledgements),
      finalItems: rows(
        finalItemFields,
        q
          .select(jsonFields(finalItemFields))
          .from(schoolRequestItems)
          .innerJoin(schoolRequests, eq(schoolRequests.id, schoolRequestItems.requestId))
          .where(and(anyUuid(schoolRequests.studentId, ids), eq(schoolRequests.phase, "final"))),
        ["rank"],
      ),
      proposals: all(councilProposals, ["rank"]),
      answers: all(schoolFamilyAnswers),
      decisionRows: all(decisions),
      agreementRows: all(schoolAgreements, ["answeredAt"]),
      interviewRows: all(interviews, ["heldAt"]),
      appealRows: all(appeals),
      offered: base.some((s) => s.level === "2GT") ? offeredSpecialtiesPart(q, opts.schoolId) : known([] as string[]),
    }),
    findFamilyToInform(q, ids),
    findGuardiansOfStudents(q, ids),
  ]);
  const { allEntries, allRequests, acks, proposals, answers, decisionRows, agreementRows, interviewRows, appealRows, offered } = read;
  const finalRequests = read.finalItems.map(({ studentId, ...item }) => ({ studentId, item }));
  const entries = allEntries.filter((e) => e.phase === phase);
  const requests = allRequests.filter((r) => r.phase === phase);
  const finalEntryBy = new Map(allEntries.filter((e) => e.phase === "final").map((e) => [e.studentId, e]));
  const finalRequestBy = new Map(allRequests.filter((r) => r.phase === "final").map((r) => [r.studentId, r]));
  const finalInformBy = new Map(informFlags.filter((f) => f.phase === "final").map((f) => [f.studentId, f]));
  const guardianName = (g: NamedPerson) => personName(g);
  const requestIds = requests.map((r) => r.id);
  const items =
    requestIds.length === 0
      ? []
      : await q
          .select({ item: schoolRequestItems, opinion: opinions })
          .from(schoolRequestItems)
          .leftJoin(opinions, eq(opinions.itemId, schoolRequestItems.id))
          .where(anyUuid(schoolRequestItems.requestId, requestIds))
          .orderBy(asc(schoolRequestItems.rank));

  const itemsByRequest = new Map<string, RequestItemRow[]>();
  for (const { item, opinion } of items) {
    const list = itemsByRequest.get(item.requestId) ?? [];
    list.push({
      id: item.id,
      rank: item.rank,
      track: item.track,
      subTrack: item.subTrack,
      freeText: item.freeText,
      statusSchool: item.statusSchool,
      statusApprentice: item.statusApprentice,
      specialties: item.specialties,
      stagePasserelle: item.stagePasserelle,
      opinion: opinion
        ? { value: opinion.value, comment: opinion.comment, enteredAt: opinion.enteredAt, enteredByName: opinion.enteredByName, updatedAt: opinion.updatedAt }
        : null,
    });
    itemsByRequest.set(item.requestId, list);
  }
  const entryBy = new Map(entries.map((e) => [e.studentId, e]));
  const requestBy = new Map(requests.map((r) => [r.studentId, r]));
  const ackBy = new Map(acks.map((a) => [a.studentId, a]));
  const informBy = new Map(informFlags.filter((f) => f.phase === "provisional").map((f) => [f.studentId, f]));
  const answerBy = new Map(answers.map((a) => [a.studentId, a]));
  const decisionBy = new Map(decisionRows.map((d) => [d.studentId, d]));
  const appealBy = new Map(appealRows.map((a) => [a.studentId, a]));

  function finalStepsOf(studentId: string, councilOpen: boolean): FinalStepsRow {
    const ans = answerBy.get(studentId);
    const dec = decisionBy.get(studentId);
    const app = appealBy.get(studentId);
    const entry = finalEntryBy.get(studentId);
    const req = finalRequestBy.get(studentId);
    const inform = finalInformBy.get(studentId);
    const gs = guardianRows.filter((g) => g.studentId === studentId);
    return {
      councilOpen,
      entry: entry
        ? { items: entry.items, enteredByName: entry.enteredByName, enteredAt: entry.enteredAt, receivedAt: entry.receivedAt, nonTraitee: entry.nonTraitee }
        : null,
      request: req
        ? {
            source: req.source,
            enteredByName: req.enteredByName,
            enteredAt: req.enteredAt,
            changedBySchoolAt: req.changedBySchoolAt,
            changedBySchoolName: req.changedBySchoolName,
          }
        : null,
      choices: finalRequests.filter((r) => r.studentId === studentId).map((r) => ({ id: r.item.id, ...trackItemOf(r.item) })),
      proposals: proposals
        .filter((p) => p.studentId === studentId)
        .map((p) => ({
          id: p.id,
          ...trackItemOf(p),
          kind: p.kind,
          choiceItemId: p.choiceItemId,
          answer: p.answer,
          motivation: p.motivation,
          enteredByName: p.enteredByName,
          enteredAt: p.enteredAt,
          updatedAt: p.updatedAt,
          publishedAt: p.publishedAt,
        })),
      answer: ans
        ? { source: ans.source, kind: ans.kind, acceptedProposalIds: ans.acceptedProposalIds, answeredByName: ans.answeredByName, answeredAt: ans.answeredAt }
        : null,
      guardians: gs.map((g) => ({ id: g.id, name: guardianName(g) })),
      agreements: agreementRows
        .filter((a) => a.studentId === studentId)
        .map((a) => {
          const g = gs.find((x) => x.id === a.guardianId);
          return {
            guardianId: a.guardianId,
            guardianName: g ? guardianName(g) : a.answeredByName,
            source: a.source,
            agrees: a.agrees,
            answeredByName: a.answeredByName,
            answeredAt: a.answeredAt,
          };
        }),
      familyToInform: inform
        ? { toInform: inform.toInform, flaggedAt: inform.flaggedAt, informedAt: inform.informedAt, informedByName: inform.informedByName }
        : null,
      decision: dec
        ? {
            ...trackItemOf(dec),
            source: dec.source,
            differsFromRequest: dec.differsFromRequest,
            reasonKnowledge: dec.reasonKnowledge,
            reasonAbilities: dec.reasonAbilities,
            reasonInterests: dec.reasonInterests,
            notifiedOn: dec.notifiedOn,
            noticeChannel: dec.noticeChannel,
            appealDeadline: dec.appealDeadline,
            decidedAt: dec.decidedAt,
            decidedByName: dec.decidedByName,
            publishedAt: dec.publishedAt,
            maintienAt: dec.maintienAt,
            maintienByName: dec.maintienByName,
          }
        : null,
      interviews: interviewRows
        .filter((i) => i.studentId === studentId)
        .map((i) => ({
          id: i.id,
          heldAt: i.heldAt,
          participants: i.participants,
          outcome: i.outcome,
          agreedTrack: i.agreedTrack,
          agreedSubTrack: i.agreedSubTrack,
          notes: i.notes,
          enteredByName: i.enteredByName,
        })),
      appeal: app
        ? {
            requestedOn: app.requestedOn,
            requestedByName: app.requestedByName,
            commissionDate: app.commissionDate,
            outcome: app.outcome,
            commissionTrack: app.commissionTrack,
            commissionSubTrack: app.commissionSubTrack,
            commissionNotes: app.commissionNotes,
            commissionDecidedAt: app.commissionDecidedAt,
            commissionEnteredByName: app.commissionEnteredByName,
          }
        : null,
    };
  }

  return base.map((s) => {
    const e = entryBy.get(s.id);
    const r = requestBy.get(s.id);
    const a = ackBy.get(s.id);
    return {
      id: s.id,
      ine: s.ine,
      lastName: s.lastName,
      firstName: s.firstName,
      birthDate: s.birthDate,
      divisionId: s.divisionId,
      divisionCode: s.divisionCode,
      level: s.level,
      mefCode: s.mefCode,
      mefLabel: s.mefLabel,
      outOfProcedureReason: s.outOfProcedureReason,
      outOfProcedureAt: s.outOfProcedureAt,
      leftOn: s.leftOn,
      offeredSpecialties: s.level === "2GT" ? offered : [],
      councilOpen: s.councilState === "open",
      familyEntry: e ? { items: e.items, enteredByName: e.enteredByName, enteredAt: e.enteredAt, receivedAt: e.receivedAt, nonTraitee: e.nonTraitee } : null,
      request: r
        ? {
            id: r.id,
            source: r.source,
            enteredByName: r.enteredByName,
            enteredAt: r.enteredAt,
            changedBySchoolAt: r.changedBySchoolAt,
            changedBySchoolName: r.changedBySchoolName,
            originalFamilyItems: r.originalFamilyItems,
            version: r.version,
            publishedVersion: r.publishedVersion,
            items: itemsByRequest.get(r.id) ?? [],
          }
        : null,
      acknowledgement: a
        ? {
            acknowledgedByName: a.acknowledgedByName,
            acknowledgedAt: a.acknowledgedAt,
            familyToInform: informBy.get(s.id)?.toInform ?? false,
            familyInformedAt: informBy.get(s.id)?.informedAt ?? null,
            familyInformedByName: informBy.get(s.id)?.informedByName ?? null,
          }
        : null,
      final: finalStepsOf(s.id, s.finalCouncilOpen),
    };
  });
}

/** The divisions (and their MEF) offered as filters, restricted like the list. */
export async function findDivisionOptions(q: Queryable, schoolId: string, only: DivisionFilter = "all", schoolYear?: string | null) {
  if (only !== "all" && only.length === 0) return [];
  const inYear = inSchoolYear(divisions.schoolYear, divisions.schoolId, schoolYear);
  return q
    .select({ id: divisions.id, code: divisions.code, level: divisions.level, mefCode: divisions.mefCode, mefLabel: divisions.mefLabel })
    .from(divisions)
    .where(only !== "all" ? and(eq(divisions.schoolId, schoolId), inYear, inArray(divisions.id, [...only])) : and(eq(divisions.schoolId, schoolId), inYear))
    .orderBy(asc(divisions.code));
}

/**
 * R-SCH-11: the students in the procedure whose family has no validated entry received from the
 * family service for the phase, with their guardians' contact details, so the school can help.
 */
export async function findStudentsWithoutFamilyEntry(q: Queryable, schoolId: string, only: DivisionFilter, phase: Phase) {
  if (only !== "all" && only.length === 0) return [];
  const rows = await q
    .select({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      ine: students.ine,
      divisionId: divisions.id,
      divisionCode: divisions.code,
      hasSchoolRequest: sql<boolean>`exists (select 1 from ${schoolRequests} r where r.student_id = ${students.id} and r.phase = ${phase})`,
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .leftJoin(schoolFamilyEntries, and(eq(schoolFamilyEntries.studentId, students.id), eq(schoolFamilyEntries.phase, phase)))
    .where(
      and(
        eq(students.schoolId, schoolId),
        inSchoolYear(students.schoolYear, students.schoolId),
        isNull(students.leftOn),
        isNull(students.outOfProcedureReason),
        isNull(schoolFamilyEntries.studentId),
        only !== "all" ? inArray(students.divisionId, [...only]) : undefined,
      ),
    )
    .orderBy(asc(divisions.code), asc(students.lastName), asc(students.firstName));
  return withGuardians(q, rows);
}

/** The guardians (rank, civility, names, e-mail) of each row's student, for the follow-up lists (R-SCH-11). */
async function withGuardians<T extends { id: string }>(q: Queryable, rows: T[]) {
  const gs = await findGuardiansOfStudents(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, guardians: gs.filter((g) => g.studentId === r.id) }));
}

/**
 * R-SCH-11, final phase: the students in the procedure (hors procédure excluded) who need the
 * school's help — "no_choices": no validated final choice (nothing received from the family
 * service, nothing entered by the school); "unanswered": council proposals published to the
 * family and no answer yet (neither online nor entered by the school) — with their guardians.
 */
export async function findFinalFollowUp(q: Queryable, schoolId: string, only: DivisionFilter, kind: "no_choices" | "unanswered") {
  if (only !== "all" && only.length === 0) return [];
  const condition =
    kind === "no_choices"
      ? sql`not exists (select 1 from ${schoolFamilyEntries} e where e.student_id = ${students.id} and e.phase = 'final')
          and not exists (select 1 from ${schoolRequests} r where r.student_id = ${students.id} and r.phase = 'final')`
      : sql`exists (select 1 from ${councilProposals} p where p.student_id = ${students.id} and p.published_at is not null)
          and not exists (select 1 from ${schoolFamilyAnswers} a where a.student_id = ${students.id})`;
  const rows = await q
    .select({
      id: students.id,
      lastName: students.lastName,
      firstName: students.firstName,
      ine: students.ine,
      divisionId: divisions.id,
      divisionCode: divisions.code,
      publishedAt: sql<Date | null>`(select max(p.published_at) from ${councilProposals} p where p.student_id = ${students.id})`.mapWith(
        (v: string | Date | null) => (v === null ? null : new Date(v)),
      ),
    })
    .from(students)
    .innerJoin(divisions, eq(divisions.id, students.divisionId))
    .where(
      and(
        eq(students.schoolId, schoolId),
        inSchoolYear(students.schoolYear, students.schoolId),
        isNull(students.leftOn),
        isNull(students.outOfProcedureReason),
        condition,
        only !== "all" ? inArray(students.divisionId, [...only]) : undefined,
      ),
    )
    .orderBy(asc(divisions.code), asc(students.lastName), asc(students.firstName));
  return withGuardians(q, rows);
}

/** The guardians of a student, by rank, for the e-mails of R-SCH-5. */
export async function findGuardiansOf(q: Queryable, studentId: string) {
  return q
    .select({
      id: guardians.id,
      rank: studentGuardians.rank,
      civility: guardians.civility,
      firstName: guardians.firstName,
      lastName: guardians.lastName,
      email: guardians.email,
    })
    .from(studentGuardians)
    .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
    .where(eq(studentGuardians.studentId, studentId))
    .orderBy(asc(studentGuardians.rank));
}

/** R-SCH-12: sets (reason) or clears (null) the student's "hors procédure". */
export async function setOutOfProcedure(q: Queryable, studentId: string, reason: string | null, at: Date) {
  await q
    .update(students)
    .set({ outOfProcedureReason: reason, outOfProcedureAt: reason ? at : null })
    .where(eq(students.id, studentId));
}
