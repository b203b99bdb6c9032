import type { Queryable } from "@/lib/db/client";
import { arg, readTogetherOnce, type Part } from "@/lib/db/read-together";
import { familyAcademyLinksPart, familyFactParts, familyServiceParts, familyStudentsPart, type FamilyStudentsOf } from "@/lib/db/repositories/family-students";
import { isAdult } from "@/lib/domain/calendar";
import { familyServiceState, schoolYearOf, termLabel, windowState, type CalendarEntry, type FamilyServiceState, type TermMode } from "@/lib/domain/calendar";
import { describeProcedureState, type ProcedureState } from "@/lib/domain/procedure-state";
import { parisDayKey } from "@/lib/domain/paris-time";
import type { Level, Phase } from "@/lib/domain/tracks";
export type FamilyHomeStudent = {
  id: string;
  firstName: string;
  lastName: string;
  divisionCode: string;
  level: Level;
  schoolName: string;
  /** The student's académie (its calendar, its pages for families). */
  academyId: string;
  service: FamilyServiceState;
  /** The final phase's service (window, school closure, final council, hors procédure). */
  finalService: FamilyServiceState;
  campaignOpen: boolean;
  state: ProcedureState;
  calendar: CalendarEntry[];
};

/** Every read of the family home, as parts to read in one statement (lib/db/read-together.ts). */
export function familyHomeParts(q: Queryable, by: FamilyStudentsOf, schoolYear: string) {
  return {
    students: familyStudentsPart(q, by),
    ...familyServiceParts(q, by, schoolYear),
    ...familyFactParts(q, by),
    // R-OVS-5: the académies' pages for families, which the home links.
    academyLinks: familyAcademyLinksPart(q, by),
  };
}

// The home's statement, built once per shape (a guardian's children, or one student).
const readGuardianHome = readTogetherOnce((q) => familyHomeParts(q, { guardianId: arg("guardianId") }, arg("schoolYear")));
const readStudentHome = readTogetherOnce((q) => familyHomeParts(q, { studentId: arg("studentId") }, arg("schoolYear")));

export type FamilyHomeFacts = { [K in keyof ReturnType<typeof familyHomeParts>]: ReturnType<typeof familyHomeParts>[K] extends Part<infer T> ? T : never };

/**
 * The family home (R-CAL-2): each child with the state of their procedure and their calendar.
 * With a viewer, the state says what THIS viewer can do now (R-INT-1, R-FIN-1, R-AUTH-4: a guardian
 * of an adult student reads, the holder of a phase changes it), as the file page says it.
 */
export async function loadFamilyHome(
  q: Queryable,
  by: FamilyStudentsOf,
  now: Date,
  viewer?: { accountId: string; guardianId: string | null },
): Promise<FamilyHomeStudent[]> {
  return (await loadFamilyHomeWithLinks(q, by, now, viewer)).students;
}

/** The family home's students and their académies' pages for families (R-OVS-5), in the home's one statement. */
export async function loadFamilyHomeWithLinks(
  q: Queryable,
  by: FamilyStudentsOf,
  now: Date,
  viewer?: { accountId: string; guardianId: string | null },
): Promise<{ students: FamilyHomeStudent[]; academies: FamilyHomeFacts["academyLinks"] }> {
  const schoolYear = schoolYearOf(now);
  const facts = "guardianId" in by ? await readGuardianHome(q, { ...by, schoolYear }) : await readStudentHome(q, { ...by, schoolYear });
  return { students: describeFamilyHome(facts, now, viewer), academies: facts.academyLinks };
}

/** The home's students from facts read together (`familyHomeParts`). */
export function describeFamilyHome(facts: FamilyHomeFacts, now: Date, viewer?: { accountId: string; guardianId: string | null }): FamilyHomeStudent[] {
  const list = facts.students;
  const councils = facts.councils.filter((c) => c.phase === "provisional");
  const finalCouncils = facts.councils.filter((c) => c.phase === "final");
  const { closures } = facts;
  return list.map((s) => {
    const windows = facts.windows.filter((w) => w.academyId === s.academyId && w.level === s.level);
    const serviceOf = (phase: Phase, phaseCouncils: typeof councils) =>
      familyServiceState({
        window: windows.find((w) => w.phase === phase),
        schoolClosed: closures.some((c) => c.schoolId === s.schoolId && c.level === s.level && c.phase === phase && c.closed),
        councilOpen: phaseCouncils.some((c) => c.divisionId === s.divisionId && c.state === "open"),
        outOfProcedure: s.outOfProcedureReason !== null,
        file: s,
        now,
      });
    const service = serviceOf("provisional", councils);
    const finalService = serviceOf("final", finalCouncils);
    const finalWindow = windows.find((w) => w.phase === "final");
    const finalReq = facts.requests.find((r) => r.studentId === s.id && r.phase === "final");
    const answer = facts.answers.find((a) => a.studentId === s.id);
    const others = facts.guardians.filter((g) => g.studentId === s.id && (!answer?.accountId || g.accountId !== answer.accountId));
    const agreed = facts.agreements.filter((a) => a.studentId === s.id);
    const req = facts.requests.find((r) => r.studentId === s.id && r.phase === "provisional");
    const ack = facts.acks.find((a) => a.studentId === s.id);
    const decision = facts.decisions.find((d) => d.studentId === s.id) ?? null;
    const lastInterview = facts.interviews.filter((i) => i.studentId === s.id).sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime())[0];
    const appeal = facts.appeals.find((a) => a.studentId === s.id) ?? null;
    const adult = isAdult(s.birthDate, now);
    const awaited = adult || !answer ? [] : others.filter((g) => !agreed.some((a) => a.guardianId === g.guardianId));
    const state = describeProcedureState({
      outOfProcedure: s.outOfProcedureReason !== null,
      service,
      // policy "enter:family-request": a guardian of a minor student, or the adult student themself.
      viewer: viewer
        ? { accountId: viewer.accountId, guardianId: viewer.guardianId, studentIsAdult: adult, mayEnter: viewer.guardianId !== null ? !adult : adult }
        : undefined,
      validated: req ? { byName: req.holderName, at: req.validatedAt, holderAccountId: req.holderAccountId } : null,
      opinionsPublished: facts.opinions.some((o) => o.studentId === s.id),
      acknowledged: ack ? { byName: ack.actorName, at: ack.acknowledgedAt } : null,
      decisionPublished: decision !== null,
      outcome: {
        disagreement: answer !== undefined && (answer.kind === "refuse_all" || agreed.some((a) => !a.agrees)),
        interviewHeldAt: lastInterview?.heldAt ?? null,
        decision,
        appeal,
        today: parisDayKey(now),
      },
      final: {
        opened: finalWindow !== undefined && now >= finalWindow.opensAt,
        service: finalService,
        validated: finalReq ? { byName: finalReq.holderName, at: finalReq.validatedAt, holderAccountId: finalReq.holderAccountId } : null,
        proposalsPublished: facts.proposals.some((p) => p.studentId === s.id),
        answered: answer ? { byName: answer.actorName, at: answer.answeredAt, bySchool: answer.source === "school" } : null,
        agreementsAwaited: awaited.length,
        viewerAgreementAwaited: answer?.source === "family" && viewer?.guardianId != null && awaited.some((g) => g.guardianId === viewer.guardianId),
      },
    });
    const campaignOpen = windows.some((w) => windowState(w, now) === "open");
    const calendar = windows
      .map((w) => ({ phase: w.phase, termLabel: termLabel(w.phase, s.termMode as TermMode), opensAt: w.opensAt, closesAt: w.closesAt }))
      .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
    return {
      id: s.id,
      firstName: s.firstName,
      lastName: s.lastName,
      divisionCode: s.divisionCode,
      level: s.level,
      schoolName: s.schoolName,
      academyId: s.academyId,
      service,
      finalService,
      campaignOpen,
      state,
      calendar,
    };
  });
}
