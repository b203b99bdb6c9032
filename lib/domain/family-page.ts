import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE, type FamilyServiceState } from "./calendar";
import { acknowledgementText, type AcknowledgementFact } from "./acknowledgement";
import { formatParisDateTime } from "./paris-time";

/*
 * The family's orientation page of one student, as a pure view-model (DOMAIN.md §2, §3, §5):
 * which step is current, which message the service shows, whether the viewer enters the
 * intentions or reads them, and what they can do with the avis.
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
export const ENTRY_NOT_AVAILABLE_MESSAGE = "La saisie en ligne des intentions n'est pas encore disponible pour ce niveau. Veuillez prendre contact avec votre établissement.";

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
  | { mode: "hidden" }
  | { mode: "shown"; acknowledgement: { state: "to_do" } | { state: "waiting" } | { state: "done"; text: string } };

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
          : { state: "waiting" },
    };
  } else {
    // While the council is open, the service message already says the avis are not available.
    opinions = { mode: "hidden" };
  }
  return { steps, serviceMessage, intentions, opinions };
}
