import { CAMPAIGN_CLOSED_MESSAGE, type CalendarEntry } from "./calendar";
import { describeCampaignCalendar, type CampaignCalendarView } from "./campaign-calendar";
import type { ProcedureState } from "./procedure-state";
import { deName } from "./person-name";

/*
 * The family home as a pure view-model: each child with the one-line state of their procedure,
 * or, while no phase of their campaign is open, the closed-campaign message and the calendar
 * (R-CAL-2, R-CAL-4).
 */

export const FAMILY_HOME_TITLE = "Orientation de mes enfants";
export const NO_CHILD_MESSAGE = "Aucun élève n'est rattaché à votre compte. Contactez l'établissement de votre enfant.";
export const OPEN_PROCEDURE_LINK = "Voir la procédure d'orientation";

export type FamilyHomeChild = {
  id: string;
  firstName: string;
  lastName: string;
  divisionCode: string;
  schoolName: string;
  /** A phase of the child's campaign is open now (R-CAL-1). */
  campaignOpen: boolean;
  state: ProcedureState;
  calendar: readonly CalendarEntry[];
};

export type FamilyHomeCard = {
  id: string;
  name: string;
  place: string;
  notice: { kind: "state"; tone: ProcedureState["tone"]; text: string } | { kind: "campaign_closed"; text: string; calendar: CampaignCalendarView };
  link: { href: string; text: string; srSuffix: string };
};

export type FamilyHomeView = { title: string; emptyMessage: string | null; children: FamilyHomeCard[] };

export function describeFamilyHome(children: readonly FamilyHomeChild[]): FamilyHomeView {
  return {
    title: FAMILY_HOME_TITLE,
    emptyMessage: children.length === 0 ? NO_CHILD_MESSAGE : null,
    children: children.map((c) => {
      const name = `${c.firstName} ${c.lastName}`;
      return {
        id: c.id,
        name,
        place: `${c.divisionCode} – ${c.schoolName}`,
        notice: c.campaignOpen
          ? { kind: "state", tone: c.state.tone, text: c.state.label }
          : { kind: "campaign_closed", text: CAMPAIGN_CLOSED_MESSAGE, calendar: describeCampaignCalendar(c.calendar) }, // R-CAL-2
        link: { href: `/famille/eleves/${c.id}`, text: OPEN_PROCEDURE_LINK, srSuffix: ` ${deName(name)}` },
      };
    }),
  };
}
