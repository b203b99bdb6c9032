import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE, termLabel, type CalendarEntry, type FamilyServiceState, type TermMode } from "./calendar";
import { ACKNOWLEDGEMENT_WAITING_MESSAGE, acknowledgementText, type AcknowledgementFact } from "./acknowledgement";
import { describeCampaignCalendar, type CampaignCalendarView } from "./campaign-calendar";
import { fullItem, INTENTIONS_HEADING, intentionDetailLines, type Intention } from "./intentions";
import { describeProcedureState, mayEditRequest, type ProcedureFacts, type ProcedureState } from "./procedure-state";

export { mayEditRequest } from "./procedure-state";
import { OPINION_LABELS, type OpinionValue } from "./opinions";
import {
  DEFAULT_ACADEMY_DECISION_PARAMETERS,
  describeDecisionStep,
  type AcademyDecisionParameters,
  type DecisionStepView,
  type FamilyAppealFact,
  type FamilyDecisionFact,
  type FamilyInterviewFact,
} from "./family-decision";
import { formatParisDateTime, parisDayKey } from "./paris-time";
import { describeTrack, LEVELS, type Level, type Phase } from "./tracks";
import {
  AGREEMENT_QUESTION,
  ANSWER_BY_HOLDER_ONLY_MESSAGE,
  ANSWER_BY_SCHOOL_MESSAGE,
  ANSWER_WAITING_MESSAGE,
  agreementText,
  answerText,
  describeProposals,
  DISAGREEMENT_MESSAGE,
  proposalLabel,
  REFUSE_ALL_CONTACT_MESSAGE,
  type AgreementFact,
  type AnswerFact,
  type ProposalLine,
  type PublishedProposalFact,
} from "./family-answer";
import { deName } from "./person-name";

export { DECISION_NOT_AVAILABLE_MESSAGE } from "./family-decision";
export type { DecisionStepView } from "./family-decision";

/*
 * The family's orientation page of one student, as a pure view-model (R-CAL-2/3/4, R-INT-1,
 * R-ACK-1, R-SCH-3, R-SCH-12): which step is current, which message the service shows, whether
 * the viewer enters the intentions or reads them, and what they can do with the avis. The
 * guardian's page and the student's home show the same view (R-AUTH-4).
 */

export const STEPS = [
  { number: 1, label: "Intentions provisoires" },
  { number: 2, label: "Choix définitifs" },
  { number: 3, label: "Décision" },
] as const;

export const SCHOOL_CLOSED_MESSAGE =
  "Le service en ligne Orientation a été fermé par votre établissement : les intentions ne peuvent plus être saisies ni modifiées. Veuillez prendre contact avec votre établissement.";
export const OUT_OF_PROCEDURE_MESSAGE =
  "L'élève ne relève pas de la procédure d'orientation en ligne (hors procédure). Veuillez prendre contact avec le chef d'établissement.";
export const FINAL_SCHOOL_CLOSED_MESSAGE =
  "Le service en ligne Orientation a été fermé par votre établissement : les choix définitifs ne peuvent plus être saisis ni modifiés. Veuillez prendre contact avec votre établissement.";
export const PROPOSALS_NOT_AVAILABLE_MESSAGE =
  "Le conseil de classe du troisième trimestre est en cours : les choix définitifs ne peuvent plus être modifiés et les propositions du conseil de classe ne sont pas encore disponibles.";
/** R-CAL-4 / seed 001: the final choices' heading after the term label. */
export const FINAL_CHOICES_HEADING = "Demande(s) des représentants légaux / Choix définitif(s)";
export const FINAL_CHOICES_INSTRUCTIONS =
  "Vous devez obligatoirement saisir un choix. Vous pouvez en saisir jusqu'à trois. Leur ordre d'affichage correspond à votre ordre de préférence.";
/** R-2GT-3 / seed 004: the final choices after 2de GT (up to 11). */
export const FINAL_CHOICES_INSTRUCTIONS_2GT =
  "Vous devez saisir au moins 1 choix définitif. Vous pouvez en saisir jusqu'à 11 (1re générale, une ou plusieurs séries de 1re technologique, 1re préparant au BT « métiers de la musique », accès à la voie professionnelle). Leur ordre d'affichage correspond à votre ordre de préférence. Les choix peuvent être modifiés jusqu'à la fermeture du téléservice par l'établissement avant les conseils de classe.";

/** R-FIN-3 / R-2GT-3: the final choices' instructions of a level. */
export function finalChoicesInstructions(level: Level): string {
  return level === "2GT" ? FINAL_CHOICES_INSTRUCTIONS_2GT : FINAL_CHOICES_INSTRUCTIONS;
}

/** The levels whose family entry is online (3e, and 2de GT: R-2GT-1..5). */
export function entrySupported(level: Level): boolean {
  return (LEVELS as readonly string[]).includes(level);
}
/** R-FIN-2: seed 001, the guardian who opens the final phase without an acknowledgement acknowledges first. */
export const ACKNOWLEDGE_FIRST_MESSAGE =
  "La saisie des choix définitifs est possible uniquement après avoir accusé réception des avis provisoires du conseil de classe. Veuillez en prendre connaissance et en accuser réception.";
export const NO_OPINIONS_EVER_MESSAGE =
  "Les avis provisoires du conseil de classe n'ont pas été publiés : les choix définitifs ne peuvent pas être saisis en ligne. Veuillez prendre contact avec votre établissement.";
export const CHOICES_FROZEN_MESSAGE = "Les propositions du conseil de classe ont été publiées : les choix définitifs ne peuvent plus être modifiés.";
export const NO_FINAL_CHOICE_MESSAGE = "Aucun choix définitif n'a encore été validé.";
export const NOTHING_VALIDATED_MESSAGE = "Aucune intention d'orientation n'a encore été validée.";
export const ENTRY_NOT_AVAILABLE_MESSAGE =
  "La saisie en ligne des intentions n'est pas encore disponible pour ce niveau. Veuillez prendre contact avec votre établissement.";

export type FamilyPageFacts = {
  service: FamilyServiceState;
  /** The viewer may enter for this student (policy "enter:family-request": a guardian of a minor, or the adult student). */
  viewer: { accountId: string; mayEnter: boolean };
  /** Online entry exists for this level (entrySupported: 3e and 2de GT). */
  entrySupported: boolean;
  request: { holderAccountId: string; holderName: string; validatedAt: Date; changedBySchoolAt?: Date | null } | null;
  opinionsPublished: boolean;
  acknowledgement: AcknowledgementFact | null;
  finalPhaseOpen: boolean;
  decisionPublished: boolean;
};

export type ServiceMessage = { text: string; showCalendar: boolean };

export type IntentionsView =
  /** The viewer enters (or holds) the entry: the editor, starting on the recap when something is validated. */
  | { mode: "edit"; hasValidated: boolean }
  /** R-INT-1: validated by someone else (or the service is closed): read-only, with who and when. */
  | { mode: "readonly"; enteredBy: string }
  | { mode: "none"; text: string };

export type OpinionsView =
  { mode: "hidden" } | { mode: "shown"; acknowledgement: { state: "to_do" } | { state: "waiting"; text: string } | { state: "done"; text: string } };

export type FamilyPageView = {
  steps: { number: 1 | 2 | 3; label: string; current: boolean }[];
  serviceMessage: ServiceMessage | null;
  intentions: IntentionsView;
  opinions: OpinionsView;
};

export function serviceMessageOf(service: FamilyServiceState, phase: Phase = "provisional"): ServiceMessage | null {
  if (service.open) return null;
  switch (service.reason) {
    case "campaign_closed":
      return { text: CAMPAIGN_CLOSED_MESSAGE, showCalendar: true }; // R-CAL-2
    case "school_closed":
      return { text: phase === "final" ? FINAL_SCHOOL_CLOSED_MESSAGE : SCHOOL_CLOSED_MESSAGE, showCalendar: false }; // R-CAL-3
    case "council_open":
      return { text: phase === "final" ? PROPOSALS_NOT_AVAILABLE_MESSAGE : OPINIONS_NOT_AVAILABLE_MESSAGE, showCalendar: false }; // R-SCH-3
    case "out_of_procedure":
      return { text: OUT_OF_PROCEDURE_MESSAGE, showCalendar: false }; // R-SCH-12
    case "file_closed":
      return { text: service.text, showCalendar: false }; // R-DATA-1/3
  }
}

/**
 * R-INT-1: who entered the request and when. R-SCH-5: once the night published a change made by
 * the school, the page says so (the items are the school's), with the family's entry as the
 * original one.
 */
export function enteredByText(request: { holderName: string; validatedAt: Date; changedBySchoolAt?: Date | null }, phase: Phase = "provisional"): string {
  const entered = `${request.holderName} le ${formatParisDateTime(request.validatedAt)}`;
  if (request.changedBySchoolAt) {
    const changed = `par l'établissement le ${formatParisDateTime(request.changedBySchoolAt)}, à la demande de la famille (saisie initiale par ${entered})`;
    return phase === "final" ? `Choix définitifs modifiés ${changed}` : `Intentions modifiées ${changed}`;
  }
  return phase === "final" ? `Choix définitifs saisis par ${entered}` : `Intentions saisies par ${entered}`;
}

export function describeFamilyPage(f: FamilyPageFacts): FamilyPageView {
  const current = f.decisionPublished ? 3 : f.finalPhaseOpen ? 2 : 1;
  const steps = STEPS.map((s) => ({ number: s.number, label: s.label, current: s.number === current }));

  // Once the avis are published they are what the page is about; the "not available" message of
  // an open council (R-SCH-3) only stands until then.
  const serviceMessage = f.opinionsPublished && !f.service.open && f.service.reason === "council_open" ? null : serviceMessageOf(f.service);

  let intentions: IntentionsView;
  if (
    mayEditRequest({ serviceOpen: f.service.open, viewer: f.viewer, holderAccountId: f.request?.holderAccountId ?? null, entrySupported: f.entrySupported })
  ) {
    intentions = { mode: "edit", hasValidated: f.request !== null };
  } else if (f.request) {
    intentions = { mode: "readonly", enteredBy: enteredByText(f.request) };
  } else {
    intentions = { mode: "none", text: f.entrySupported || !f.service.open ? NOTHING_VALIDATED_MESSAGE : ENTRY_NOT_AVAILABLE_MESSAGE };
  }

  let opinions: OpinionsView;
  if (f.opinionsPublished) {
    opinions = {
      mode: "shown",
      acknowledgement: f.acknowledgement
        ? { state: "done", text: acknowledgementText(f.acknowledgement) }
        : f.viewer.mayEnter
          ? { state: "to_do" }
          : { state: "waiting", text: ACKNOWLEDGEMENT_WAITING_MESSAGE },
    };
  } else {
    // While the council is open, the service message already says the avis are not available.
    opinions = { mode: "hidden" };
  }
  return { steps, serviceMessage, intentions, opinions };
}

export type PublishedOpinionFact = Intention & { rank: number; value: OpinionValue; comment: string | null };

/** Everything known about one student's file, for one viewer. */
export type FamilyFileFacts = {
  student: {
    id: string;
    firstName: string;
    lastName: string;
    divisionCode: string;
    schoolName: string;
    level: Level;
    termMode: TermMode;
    service: FamilyServiceState;
    calendar: readonly CalendarEntry[];
  };
  /** R-INT-5: the académie allows the free text and the status. */
  allowTrackDetails: boolean;
  /** R-2GT-5: the académie allows a stage passerelle to be requested online (default: no). */
  allowStagePasserelle?: boolean;
  /** R-2GT-4: the spécialités the student's lycée offers (2de GT; empty elsewhere). */
  offeredSpecialties?: readonly string[];
  /** R-AUTH-4: the student is 18 or over (they enter, their guardians read). */
  studentIsAdult?: boolean;
  viewer: FamilyPageFacts["viewer"];
  request: { holderAccountId: string; holderName: string; validatedAt: Date; changedBySchoolAt?: Date | null; items: readonly Intention[] } | null;
  opinions: readonly PublishedOpinionFact[];
  acknowledgement: AcknowledgementFact | null;
  decisionPublished: boolean;
  now: Date;
  /** The final phase's facts (R-FIN-1..7); absent: nothing entered or published for it yet. */
  final?: FinalFacts;
  /** The `?etape=` the viewer asked for (validated here; anything else falls back to the default step). */
  requestedStep?: string | null;
  /** Extra query parameters the step links keep (the head's simulation keeps its guardian: "&responsable=2"). */
  stepQuery?: string;
  /** R-FIN-11: where this viewer downloads the decision's notice (PDF); none in the head's simulation. */
  noticeHref?: string | null;
};

export type FinalFacts = {
  /** The final phase's service (window, school closure, final council, hors procédure). */
  service: FamilyServiceState;
  studentIsAdult: boolean;
  /** The viewer's guardian record (null for the student). */
  viewerGuardianId: string | null;
  guardians: readonly { id: string; name: string; accountId: string | null }[];
  request: { holderAccountId: string; holderName: string; validatedAt: Date; changedBySchoolAt?: Date | null; items: readonly Intention[] } | null;
  proposals: readonly PublishedProposalFact[];
  answer: AnswerFact | null;
  agreements: readonly AgreementFact[];
  /** R-FIN-8/11/12: the decision as published to the family. */
  decision: FamilyDecisionFact | null;
  /** R-FIN-9: the interviews held with the head and the appeal, as published to the family. */
  interviews?: readonly FamilyInterviewFact[];
  appeal?: FamilyAppealFact | null;
  /** R-FIN-11/12: the académie's appeal deadline, commission and affectation link. */
  academy?: AcademyDecisionParameters;
};

export type StepNumber = 1 | 2 | 3;

/** R-CAL-2: the default step: 3 once a decision is published, 2 once the final window has opened, else 1. */
export function defaultStep(f: { decisionPublished: boolean; finalOpensAt: Date | null; now: Date }): StepNumber {
  if (f.decisionPublished) return 3;
  if (f.finalOpensAt && f.now >= f.finalOpensAt) return 2;
  return 1;
}

/** R-CAL-2: `?etape=1|2|3`; any other value (or none) gives the default step. */
export function chooseStep(requested: string | null | undefined, fallback: StepNumber): StepNumber {
  return requested === "1" || requested === "2" || requested === "3" ? (Number(requested) as StepNumber) : fallback;
}

export type FinalChoicesView =
  { mode: "ack_first" } | { mode: "edit"; hasValidated: boolean } | { mode: "readonly"; enteredBy: string } | { mode: "none"; text: string };

export type AnswerView =
  | { mode: "hidden" }
  | { mode: "form"; studentId: string }
  | { mode: "waiting"; text: string }
  | { mode: "done"; text: string; accepted: string[]; refusedAll: boolean; contactText: string | null };

export type AgreementView = {
  /** The other guardians' agreements, with who and when (or awaited). */
  lines: string[];
  form: { question: string } | null;
  disagreementText: string | null;
};

export type FinalStepView = {
  heading: string;
  instructions: string;
  serviceMessage: ServiceMessage | null;
  choices: FinalChoicesView;
  validatedChoices: Intention[] | null;
  proposals: { choices: ProposalLine[]; extras: ProposalLine[] } | null;
  answer: AnswerView;
  agreement: AgreementView | null;
};

const EMPTY_FINAL: FinalFacts = {
  service: { open: false, reason: "campaign_closed" },
  studentIsAdult: false,
  viewerGuardianId: null,
  guardians: [],
  request: null,
  proposals: [],
  answer: null,
  agreements: [],
  decision: null,
};

/** R-FIN-1/2/3/6/7/10: what step 2 shows to this viewer. */
export function describeFinalStep(f: FamilyFileFacts, fin: FinalFacts): FinalStepView {
  const opinionsPublished = f.opinions.length > 0;
  const serviceMessage = fin.proposals.length > 0 && !fin.service.open && fin.service.reason === "council_open" ? null : serviceMessageOf(fin.service, "final");
  const frozen = fin.proposals.length > 0;
  const offered = f.offeredSpecialties ?? [];
  let choices: FinalChoicesView;
  if (
    !frozen &&
    mayEditRequest({
      serviceOpen: fin.service.open,
      viewer: f.viewer,
      holderAccountId: fin.request?.holderAccountId ?? null,
      entrySupported: entrySupported(f.student.level),
    })
  ) {
    if (!opinionsPublished) choices = { mode: "none", text: NO_OPINIONS_EVER_MESSAGE };
    else if (!f.acknowledgement) choices = { mode: "ack_first" };
    else choices = { mode: "edit", hasValidated: fin.request !== null };
  } else if (fin.request) {
    choices = { mode: "readonly", enteredBy: enteredByText(fin.request, "final") };
  } else {
    choices = { mode: "none", text: NO_FINAL_CHOICE_MESSAGE };
  }

  // R-FIN-6/7: answering follows the académie's window and the school's service, not the final
  // council (open while the proposals are entered, and still open when they are published).
  const answerWindowOpen = fin.service.open || fin.service.reason === "council_open";
  let answer: AnswerView = { mode: "hidden" };
  if (fin.answer) {
    const accepted = fin.proposals.filter((p) => fin.answer!.acceptedProposalIds.includes(p.id)).map(proposalLabel);
    const refusedAll = fin.answer.kind === "refuse_all";
    answer = { mode: "done", text: answerText(fin.answer), accepted, refusedAll, contactText: refusedAll ? REFUSE_ALL_CONTACT_MESSAGE : null };
  } else if (frozen) {
    if (!fin.request) answer = { mode: "waiting", text: ANSWER_BY_SCHOOL_MESSAGE };
    else if (fin.request.holderAccountId === f.viewer.accountId && f.viewer.mayEnter && answerWindowOpen) answer = { mode: "form", studentId: f.student.id };
    else answer = { mode: "waiting", text: f.viewer.mayEnter && fin.viewerGuardianId ? ANSWER_BY_HOLDER_ONLY_MESSAGE : ANSWER_WAITING_MESSAGE };
  }

  let agreement: AgreementView | null = null;
  if (fin.answer && !fin.studentIsAdult) {
    const answerer = fin.answer.accountId;
    const others = fin.guardians.filter((g) => answerer === null || g.accountId !== answerer);
    const lines = others.map((g) => {
      const a = fin.agreements.find((x) => x.guardianId === g.id);
      return a ? agreementText(a) : `Accord ${deName(g.name)} : en attente.`;
    });
    const mine = fin.viewerGuardianId ? fin.agreements.find((a) => a.guardianId === fin.viewerGuardianId) : undefined;
    const mayAgree =
      fin.viewerGuardianId !== null &&
      fin.answer.source === "family" &&
      answerer !== f.viewer.accountId &&
      others.some((g) => g.id === fin.viewerGuardianId) &&
      !mine &&
      answerWindowOpen;
    agreement = {
      lines,
      form: mayAgree ? { question: AGREEMENT_QUESTION } : null,
      disagreementText: fin.agreements.some((a) => !a.agrees) ? DISAGREEMENT_MESSAGE : null,
    };
  }

  return {
    heading: `${termLabel("final", f.student.termMode)} : ${FINAL_CHOICES_HEADING}`,
    instructions: finalChoicesInstructions(f.student.level),
    serviceMessage,
    choices,
    validatedChoices: fin.request ? fin.request.items.map(itemOf) : null,
    proposals: fin.proposals.length > 0 ? describeProposals(fin.proposals, offered) : null,
    answer,
    agreement,
  };
}

/** The validated item as the family side shows it: its voie, série or target, ranked spécialités, details (no rank, no row fields). */
function itemOf(i: Intention): Intention {
  return fullItem(i);
}

/**
 * The facts of the one status line (lib/domain/procedure-state.ts) from the file's facts, for
 * this viewer: the file page shows the same line as the family home's card.
 */
export function procedureFactsOfFile(f: FamilyFileFacts): ProcedureFacts {
  const fin = f.final ?? EMPTY_FINAL;
  const finalWindow = f.student.calendar.find((c) => c.phase === "final");
  const studentIsAdult = f.studentIsAdult ?? fin.studentIsAdult;
  const answerer = fin.answer?.accountId ?? null;
  const others = fin.guardians.filter((g) => answerer === null || g.accountId !== answerer);
  const awaited = studentIsAdult || !fin.answer ? [] : others.filter((g) => !fin.agreements.some((a) => a.guardianId === g.id));
  const lastInterview = [...(fin.interviews ?? [])].sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime())[0];
  const decision = fin.decision;
  return {
    outOfProcedure: !f.student.service.open && f.student.service.reason === "out_of_procedure",
    service: f.student.service,
    viewer: { accountId: f.viewer.accountId, mayEnter: f.viewer.mayEnter, guardianId: fin.viewerGuardianId, studentIsAdult },
    entrySupported: entrySupported(f.student.level),
    validated: f.request ? { byName: f.request.holderName, at: f.request.validatedAt, holderAccountId: f.request.holderAccountId } : null,
    opinionsPublished: f.opinions.length > 0,
    acknowledged: f.acknowledgement ? { byName: f.acknowledgement.actorName, at: f.acknowledgement.acknowledgedAt } : null,
    decisionPublished: f.decisionPublished || decision !== null,
    outcome: {
      disagreement: fin.answer !== null && (fin.answer.kind === "refuse_all" || fin.agreements.some((a) => !a.agrees)),
      interviewHeldAt: lastInterview?.heldAt ?? null,
      decision: decision
        ? {
            source: decision.source,
            differsFromRequest: decision.differsFromRequest,
            notifiedOn: decision.notifiedOn,
            appealDeadline: decision.appealDeadline,
            maintienAt: decision.maintienAt,
          }
        : null,
      appeal: fin.appeal ? { outcome: fin.appeal.outcome } : null,
      today: parisDayKey(f.now),
    },
    final: {
      opened: finalWindow !== undefined && f.now >= finalWindow.opensAt,
      service: fin.service,
      validated: fin.request ? { byName: fin.request.holderName, at: fin.request.validatedAt, holderAccountId: fin.request.holderAccountId } : null,
      proposalsPublished: fin.proposals.length > 0,
      answered: fin.answer ? { byName: fin.answer.actorName, at: fin.answer.answeredAt, bySchool: fin.answer.source === "school" } : null,
      agreementsAwaited: awaited.length,
      viewerAgreementAwaited: fin.answer?.source === "family" && awaited.some((g) => g.id === fin.viewerGuardianId),
    },
  };
}

/** R-CAL-2: the one-line "À faire : …" of each step, for this viewer. */
export function stepTodos(page: FamilyPageView, final: FinalStepView, decision: DecisionStepView): Record<StepNumber, string> {
  const one =
    page.opinions.mode === "shown" && page.opinions.acknowledgement.state === "to_do"
      ? "À faire : accuser réception des avis provisoires"
      : page.intentions.mode === "edit" && !page.intentions.hasValidated
        ? "À faire : saisir les intentions provisoires"
        : "À faire : rien, consultation seulement";
  let two = "À faire : rien pour le moment";
  if (final.choices.mode === "ack_first") two = "À faire : accuser réception des avis provisoires, puis saisir les choix définitifs";
  else if (final.choices.mode === "edit" && !final.choices.hasValidated) two = "À faire : saisir les choix définitifs";
  else if (final.answer.mode === "form") two = "À faire : répondre aux propositions du conseil de classe";
  else if (final.agreement?.form) two = "À faire : signifier votre accord ou votre désaccord avec la réponse";
  return { 1: one, 2: two, 3: decision.todo };
}

export type OpinionLine = { rank: number; value: OpinionValue; trackLabel: string; detailLines: string[]; valueLabel: string; comment: string | null };

/** The orientation page of one student: what it shows, decided here (the component only renders it). */
export type FamilyFileView = {
  studentId: string;
  studentName: string;
  divisionCode: string;
  schoolName: string;
  /** R-CAL-4: « Deuxième trimestre : Demande(s) des représentants légaux / … ». */
  intentionsHeading: string;
  /** R-CAL-2: shown with the closed-campaign message. */
  calendar: CampaignCalendarView;
  allowTrackDetails: boolean;
  /** The student's level: the entry's editor (3e or 2de GT) and its limits. */
  level: Level;
  /** R-2GT-4: the lycée's spécialités (the 2de GT editor lists them first; the others are «hors établissement»). */
  offeredSpecialties: readonly string[];
  /** R-2GT-5: a stage passerelle may be requested online with the voie pro (final phase). */
  allowStagePasserelle: boolean;
  /** R-CAL-2 / R-AUTH-4: where the procedure stands and what this viewer can do now (the home card says the same). */
  status: ProcedureState;
  /** The last validated intentions, by rank (the editor's recap, or the read-only list). */
  validatedIntentions: Intention[] | null;
  opinions: OpinionLine[];
  view: FamilyPageView;
  /** R-CAL-2: the step shown (from `?etape=`, else the default step). */
  selectedStep: StepNumber;
  /** The step bar: links, the procedure's current step (aria-current), and each step's "À faire : …". */
  stepLinks: { number: StepNumber; label: string; href: string; current: boolean; selected: boolean; todo: string }[];
  final: FinalStepView;
  decision: DecisionStepView;
};

export function buildFamilyFileView(f: FamilyFileFacts): FamilyFileView {
  const final = f.student.calendar.find((c) => c.phase === "final");
  const decisionPublished = f.decisionPublished || (f.final?.decision ?? null) !== null;
  // R-FIN-9: once an interview with the head is published, the procedure is at step 3 too.
  const interviewHeld = (f.final?.interviews?.length ?? 0) > 0;
  const current = defaultStep({ decisionPublished: decisionPublished || interviewHeld, finalOpensAt: final?.opensAt ?? null, now: f.now });
  const selected = chooseStep(f.requestedStep, current);
  const finalView = describeFinalStep(f, f.final ?? EMPTY_FINAL);
  const view = describeFamilyPage({
    service: f.student.service,
    viewer: f.viewer,
    entrySupported: entrySupported(f.student.level),
    request: f.request,
    opinionsPublished: f.opinions.length > 0,
    acknowledgement: f.acknowledgement,
    // R-CAL-2: the final step is current once its window has opened (and stays so after it closes).
    finalPhaseOpen: final ? f.now >= final.opensAt : false,
    decisionPublished: decisionPublished || interviewHeld,
  });
  // Once the final phase has opened, step 1 is the look back at the provisional phase: the
  // provisional window's "campagne fermée" message would contradict the open final phase.
  if (final && f.now >= final.opensAt && view.serviceMessage?.text === CAMPAIGN_CLOSED_MESSAGE) view.serviceMessage = null;
  const decisionView = describeDecisionStep({
    student: f.student,
    answer: f.final?.answer ?? null,
    agreements: f.final?.agreements ?? [],
    interviews: f.final?.interviews ?? [],
    decision: f.final?.decision ?? null,
    appeal: f.final?.appeal ?? null,
    academy: f.final?.academy ?? DEFAULT_ACADEMY_DECISION_PARAMETERS,
    today: parisDayKey(f.now),
    noticeHref: f.noticeHref ?? null,
  });
  const todos = stepTodos(view, finalView, decisionView);
  return {
    studentId: f.student.id,
    studentName: `${f.student.firstName} ${f.student.lastName}`,
    divisionCode: f.student.divisionCode,
    schoolName: f.student.schoolName,
    intentionsHeading: `${termLabel("provisional", f.student.termMode)} : ${INTENTIONS_HEADING}`,
    calendar: describeCampaignCalendar(f.student.calendar),
    allowTrackDetails: f.allowTrackDetails,
    level: f.student.level,
    offeredSpecialties: f.offeredSpecialties ?? [],
    allowStagePasserelle: f.allowStagePasserelle ?? false,
    status: describeProcedureState(procedureFactsOfFile(f)),
    validatedIntentions: f.request ? f.request.items.map(itemOf) : null,
    opinions: f.opinions.map((o) => ({
      rank: o.rank,
      value: o.value,
      trackLabel: describeTrack({ track: o.track, subTrack: o.subTrack ?? "" }),
      detailLines: intentionDetailLines(o, f.offeredSpecialties ?? []),
      valueLabel: OPINION_LABELS[o.value],
      comment: o.comment,
    })),
    view,
    selectedStep: selected,
    stepLinks: STEPS.map((st) => ({
      number: st.number,
      label: st.label,
      href: `?etape=${st.number}${f.stepQuery ?? ""}`,
      current: st.number === current,
      selected: st.number === selected,
      todo: todos[st.number],
    })),
    final: finalView,
    decision: decisionView,
  };
}
