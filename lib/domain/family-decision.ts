import { appealWindow, disagreementOf, type AppealFacts, type DecisionFacts, type InterviewFacts } from "./decision";
import { decisionVoieLabel, longDay, noticeSections, type NoticeFacts, type NoticeSection } from "./decision-notice";
import { formatParisDate, formatParisDateTime } from "./paris-time";
import { describeTrack, type Level } from "./tracks";
import type { IsoDay } from "./working-days";
import { deName } from "./person-name";

/*
 * Step «3 Décision» of the family page (R-FIN-8, R-FIN-9, R-FIN-11, R-FIN-12), as the family side
 * knows it from its own tables (docs/rules.md §8): its answer and agreements, and the interviews,
 * decision and appeal the nightly transfer published. The decision itself is worded by
 * lib/domain/decision-notice.ts, so that the page, the PDF and the e-mail say the same thing.
 * Guardians, the student and the head's simulation (R-FIN-13) see this same view.
 */

/** The decision as the family copy holds it: the back-office's decision facts without its other track fields and publication. */
export type FamilyDecisionFact = Pick<
  DecisionFacts,
  | "track"
  | "subTrack"
  | "specialties"
  | "source"
  | "differsFromRequest"
  | "reasonKnowledge"
  | "reasonAbilities"
  | "reasonInterests"
  | "notifiedOn"
  | "noticeChannel"
  | "appealDeadline"
  | "decidedAt"
  | "decidedByName"
  | "maintienAt"
>;

/** The interviews and the appeal are published as the back-office holds them. */
export type FamilyInterviewFact = InterviewFacts;
export type FamilyAppealFact = AppealFacts;

/** The académie's parameters the family side shows (R-FIN-11, R-FIN-12). */
export type AcademyDecisionParameters = {
  appealWorkingDays: number;
  commissionPresident: string;
  commissionAddress: string;
  /** "" = no link. */
  affectationUrl: string;
};

export const DEFAULT_ACADEMY_DECISION_PARAMETERS: AcademyDecisionParameters = {
  appealWorkingDays: 3,
  commissionPresident: "",
  commissionAddress: "",
  affectationUrl: "",
};

/** Seed 004: no agreement between the guardians and the council. */
export const NO_AGREEMENT_INTERVIEW_MESSAGE =
  "Aucun accord n'a été trouvé entre les représentants légaux et le conseil de classe : un entretien avec le chef d'établissement doit obligatoirement avoir lieu. Si ce n'est pas déjà fait, il FAUT contacter IMMÉDIATEMENT le chef d'établissement.";
/** Seed 004: the disagreement remains after the interview. */
export const DISAGREEMENT_REMAINS_MESSAGE =
  "En cas de maintien du désaccord après l'entretien avec le chef d'établissement, une procédure « papier » est mise en place par l'établissement pour solliciter la commission d'appel.";
export const DECISION_AFTER_INTERVIEW_MESSAGE = "La décision d'orientation sera prise par le chef d'établissement à la suite de l'entretien.";
export const NEXT_STEP_TITLE = "Prochaine étape : l'affectation";
export const NEXT_STEP_TEXT =
  "La décision d'orientation porte sur une voie. La demande d'affectation dans un établissement et une formation se fait ensuite auprès du service d'affectation de l'académie.";
export const NEXT_STEP_NO_LINK_TEXT = "Renseignez-vous auprès de l'établissement sur le calendrier et les modalités de la demande d'affectation.";
export const NEXT_STEP_LINK_LABEL = "Accéder au service d'affectation";
export const NOTICE_PDF_LABEL = "Télécharger la notification (PDF)";
export const APPEAL_PENDING_TEXT = "La décision de la commission d'appel est attendue : elle deviendra la décision d'orientation.";

export type DecisionStepFacts = {
  student: { firstName: string; lastName: string; level: Level; schoolName: string };
  answer: { kind: "accept" | "refuse_all" } | null;
  agreements: readonly { agrees: boolean }[];
  interviews: readonly FamilyInterviewFact[];
  decision: FamilyDecisionFact | null;
  appeal: FamilyAppealFact | null;
  academy: AcademyDecisionParameters;
  /** Today, Europe/Paris. */
  today: IsoDay;
  /** Where the viewer downloads the notice (null: no download from this page, e.g. the head's simulation). */
  noticeHref: string | null;
};

export type InterviewLine = { id: string; heading: string; participants: string; outcome: string };

export type DecisionStepView = {
  /** The headline: «Décision d'orientation prise le … :», or «pas encore disponible». */
  text: string;
  trackLabel: string | null;
  /** Seed 004: the mandatory interview, while no interview nor decision is published. */
  disagreement: string | null;
  interviews: InterviewLine[];
  /** After the interview, before the decision. */
  afterInterview: string[];
  /** The notice's sections (decision, reasons, appeal, droit au maintien). */
  notice: NoticeSection[] | null;
  /** Where the appeal deadline stands today (days left, or expired). */
  deadline: string | null;
  /** R-FIN-12: the school recorded the droit au maintien. */
  maintien: string | null;
  appeal: { title: string; lines: string[] } | null;
  nextStep: { title: string; text: string; link: { href: string; label: string } | null } | null;
  noticeLink: { href: string; label: string } | null;
  /** The «À faire : …» line of step 3. */
  todo: string;
};

export const DECISION_NOT_AVAILABLE_MESSAGE = "La décision d'orientation n'est pas encore disponible.";

/** The notice's facts from the family side's published decision and the académie's parameters. */
export function noticeFactsOf(
  student: { firstName: string; lastName: string; level: Level; schoolName: string },
  d: FamilyDecisionFact,
  academy: AcademyDecisionParameters,
): NoticeFacts {
  return {
    studentName: `${student.firstName} ${student.lastName}`,
    level: student.level,
    schoolName: student.schoolName,
    track: d.track,
    subTrack: d.subTrack,
    specialties: d.specialties,
    source: d.source,
    differsFromRequest: d.differsFromRequest,
    reasonKnowledge: d.reasonKnowledge,
    reasonAbilities: d.reasonAbilities,
    reasonInterests: d.reasonInterests,
    decidedAt: d.decidedAt,
    decidedByName: d.decidedByName,
    notifiedOn: d.notifiedOn,
    noticeChannel: d.noticeChannel,
    appealDeadline: d.appealDeadline,
    appealWorkingDays: academy.appealWorkingDays,
    appealCommissionPresident: academy.commissionPresident,
    appealCommissionAddress: academy.commissionAddress,
  };
}

function interviewLine(i: FamilyInterviewFact): InterviewLine {
  return {
    id: i.id,
    heading: `Entretien avec le chef d'établissement le ${formatParisDateTime(i.heldAt)}`,
    participants: `Participants : ${i.participants}`,
    outcome:
      i.outcome === "agreement" && i.agreedTrack
        ? `Issue de l'entretien : accord sur la voie « ${describeTrack({ track: i.agreedTrack, subTrack: i.agreedSubTrack })} ».`
        : "Issue de l'entretien : le désaccord est maintenu.",
  };
}

function appealView(a: FamilyAppealFact): { title: string; lines: string[] } {
  const lines = [`Appel demandé le ${longDay(a.requestedOn)}.`];
  if (a.outcome === "pending") {
    lines.push(
      a.commissionDate
        ? `La commission d'appel se réunit le ${longDay(a.commissionDate)}.`
        : "La date de réunion de la commission d'appel vous sera communiquée par l'établissement.",
    );
    lines.push(APPEAL_PENDING_TEXT);
  } else {
    if (a.commissionDate) lines.push(`La commission d'appel s'est réunie le ${longDay(a.commissionDate)}.`);
    const voie = a.commissionTrack ? describeTrack({ track: a.commissionTrack, subTrack: a.commissionSubTrack }) : null;
    const verdict = a.outcome === "upheld" ? "elle confirme la décision du chef d'établissement" : "elle modifie la décision du chef d'établissement";
    lines.push(
      `Décision de la commission d'appel${voie ? ` : ${voie}` : ""} (${verdict}). Cette décision est définitive : elle devient la décision d'orientation.`,
    );
  }
  return { title: "Appel de la décision", lines };
}

/** R-FIN-8/9/11/12: what step 3 shows, as it happens. */
export function describeDecisionStep(f: DecisionStepFacts): DecisionStepView {
  const d = f.decision;
  const interviews = [...f.interviews].sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime()).map(interviewLine);
  const disagreement = f.answer ? disagreementOf({ answer: { kind: f.answer.kind, acceptedProposalIds: [] }, agreements: [...f.agreements] }) : null;
  const lastInterview = [...f.interviews].sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime())[0] ?? null;

  if (!d) {
    const afterInterview: string[] = [];
    if (lastInterview) {
      if (lastInterview.outcome === "disagreement") afterInterview.push(DISAGREEMENT_REMAINS_MESSAGE);
      afterInterview.push(DECISION_AFTER_INTERVIEW_MESSAGE);
    }
    const todo = lastInterview
      ? "À faire : rien, la décision du chef d'établissement est attendue"
      : disagreement
        ? "À faire : contacter immédiatement le chef d'établissement pour l'entretien"
        : "À faire : rien, la décision n'est pas encore prise";
    return {
      text: DECISION_NOT_AVAILABLE_MESSAGE,
      trackLabel: null,
      disagreement: disagreement && !lastInterview ? NO_AGREEMENT_INTERVIEW_MESSAGE : null,
      interviews,
      afterInterview,
      notice: null,
      deadline: null,
      maintien: null,
      appeal: null,
      nextStep: null,
      noticeLink: null,
      todo,
    };
  }

  const appeal = f.appeal;
  let notice = noticeSections(noticeFactsOf(f.student, d, f.academy));
  // Once the appeal is made, the page no longer invites to appeal (the notice PDF still says what it said).
  if (appeal) notice = notice.filter((s) => s.title !== "Voies de recours");

  const window = appealWindow(d, f.today);
  let deadline: string | null = null;
  if (!appeal && window.status === "open") {
    deadline =
      window.workingDaysLeft > 0
        ? `Délai d'appel : ${window.workingDaysLeft} jour(s) ouvrable(s) restant(s), jusqu'au ${longDay(window.deadline)} inclus.`
        : `Délai d'appel : dernier jour aujourd'hui, ${longDay(window.deadline)}.`;
  } else if (!appeal && window.status === "expired") {
    deadline = `Le délai d'appel a expiré le ${longDay(window.deadline)} sans appel : la décision d'orientation est définitive.`;
  }

  const url = f.academy.affectationUrl.trim();
  let todo = "À faire : consulter la décision d'orientation";
  if (appeal?.outcome === "pending") todo = "À faire : rien, la décision de la commission d'appel est attendue";
  else if (!appeal && window.status === "open")
    todo = `À faire : consulter la décision d'orientation (appel possible jusqu'au ${longDay(window.deadline)} inclus)`;

  const headline =
    d.source === "commission"
      ? `Décision de la commission d'appel, enregistrée le ${formatParisDateTime(d.decidedAt)} :`
      : `Décision d'orientation prise le ${formatParisDateTime(d.decidedAt)} :`;
  return {
    text: headline,
    trackLabel: decisionVoieLabel(d),
    disagreement: null,
    interviews,
    afterInterview: [],
    notice,
    deadline,
    maintien: d.maintienAt
      ? `Le maintien ${deName(f.student.firstName)} dans sa classe d'origine (3e) pour une année scolaire a été enregistré par l'établissement le ${formatParisDate(d.maintienAt)}.`
      : null,
    appeal: appeal ? appealView(appeal) : null,
    nextStep: {
      title: NEXT_STEP_TITLE,
      text: url ? NEXT_STEP_TEXT : `${NEXT_STEP_TEXT} ${NEXT_STEP_NO_LINK_TEXT}`,
      link: url ? { href: url, label: NEXT_STEP_LINK_LABEL } : null,
    },
    noticeLink: f.noticeHref ? { href: f.noticeHref, label: NOTICE_PDF_LABEL } : null,
    todo,
  };
}
