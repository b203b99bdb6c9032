import {
  CAMPAIGN_CLOSED_MESSAGE,
  OPINIONS_NOT_AVAILABLE_MESSAGE,
  termLabel,
  windowState,
  type CalendarEntry,
  type FamilyServiceState,
  type TermMode,
} from "./calendar";
import { ACKNOWLEDGEMENT_WAITING_MESSAGE, acknowledgementText, type AcknowledgementFact } from "./acknowledgement";
import { describeCampaignCalendar, type CampaignCalendarView } from "./campaign-calendar";
import { INTENTIONS_HEADING, intentionDetailLines, type Intention } from "./intentions";
import { OPINION_LABELS, type OpinionValue } from "./opinions";
import { formatParisDateTime } from "./paris-time";
import { describeTrack, type Level } from "./tracks";

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
export const NOTHING_VALIDATED_MESSAGE = "Aucune intention d'orientation n'a encore été validée.";
export const ENTRY_NOT_AVAILABLE_MESSAGE =
  "La saisie en ligne des intentions n'est pas encore disponible pour ce niveau. Veuillez prendre contact avec votre établissement.";

export type FamilyPageFacts = {
  service: FamilyServiceState;
  /** The viewer may enter for this student (policy "enter:family-request": a guardian of a minor, or the adult student). */
  viewer: { accountId: string; mayEnter: boolean };
  /** Online entry exists for this level (3e; the 2GT entry is another slice). */
  entrySupported: boolean;
  request: { holderAccountId: string; holderName: string; validatedAt: Date } | null;
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

export function serviceMessageOf(service: FamilyServiceState): ServiceMessage | null {
  if (service.open) return null;
  switch (service.reason) {
    case "campaign_closed":
      return { text: CAMPAIGN_CLOSED_MESSAGE, showCalendar: true }; // R-CAL-2
    case "school_closed":
      return { text: SCHOOL_CLOSED_MESSAGE, showCalendar: false }; // R-CAL-3
    case "council_open":
      return { text: OPINIONS_NOT_AVAILABLE_MESSAGE, showCalendar: false }; // R-SCH-3
    case "out_of_procedure":
      return { text: OUT_OF_PROCEDURE_MESSAGE, showCalendar: false }; // R-SCH-12
  }
}

export function enteredByText(request: { holderName: string; validatedAt: Date }): string {
  return `Intentions saisies par ${request.holderName} le ${formatParisDateTime(request.validatedAt)}`;
}

export function describeFamilyPage(f: FamilyPageFacts): FamilyPageView {
  const current = f.decisionPublished ? 3 : f.finalPhaseOpen ? 2 : 1;
  const steps = STEPS.map((s) => ({ number: s.number, label: s.label, current: s.number === current }));

  // Once the avis are published they are what the page is about; the "not available" message of
  // an open council (R-SCH-3) only stands until then.
  const serviceMessage = f.opinionsPublished && !f.service.open && f.service.reason === "council_open" ? null : serviceMessageOf(f.service);

  let intentions: IntentionsView;
  const holdsOrFree = !f.request || f.request.holderAccountId === f.viewer.accountId;
  if (f.service.open && f.viewer.mayEnter && holdsOrFree && f.entrySupported) {
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
  viewer: FamilyPageFacts["viewer"];
  request: { holderAccountId: string; holderName: string; validatedAt: Date; items: readonly Intention[] } | null;
  opinions: readonly PublishedOpinionFact[];
  acknowledgement: AcknowledgementFact | null;
  decisionPublished: boolean;
  now: Date;
};

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
  /** The last validated intentions, by rank (the editor's recap, or the read-only list). */
  validatedIntentions: Intention[] | null;
  opinions: OpinionLine[];
  view: FamilyPageView;
};

export function buildFamilyFileView(f: FamilyFileFacts): FamilyFileView {
  const final = f.student.calendar.find((c) => c.phase === "final");
  const view = describeFamilyPage({
    service: f.student.service,
    viewer: f.viewer,
    entrySupported: f.student.level === "3e",
    request: f.request,
    opinionsPublished: f.opinions.length > 0,
    acknowledgement: f.acknowledgement,
    finalPhaseOpen: final ? windowState(final, f.now) === "open" : false,
    decisionPublished: f.decisionPublished,
  });
  return {
    studentId: f.student.id,
    studentName: `${f.student.firstName} ${f.student.lastName}`,
    divisionCode: f.student.divisionCode,
    schoolName: f.student.schoolName,
    intentionsHeading: `${termLabel("provisional", f.student.termMode)} : ${INTENTIONS_HEADING}`,
    calendar: describeCampaignCalendar(f.student.calendar),
    allowTrackDetails: f.allowTrackDetails,
    validatedIntentions: f.request
      ? f.request.items.map((i) => ({ track: i.track, freeText: i.freeText, statusSchool: i.statusSchool, statusApprentice: i.statusApprentice }))
      : null,
    opinions: f.opinions.map((o) => ({
      rank: o.rank,
      value: o.value,
      trackLabel: describeTrack({ track: o.track, subTrack: "" }),
      detailLines: intentionDetailLines(o),
      valueLabel: OPINION_LABELS[o.value],
      comment: o.comment,
    })),
    view,
  };
}
