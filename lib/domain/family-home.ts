import { CAMPAIGN_CLOSED_MESSAGE, windowState, type CalendarEntry } from "./calendar";
import type { ProcedureState } from "./procedure-state";
import { formatParisDateTime } from "./paris-time";
import { deName } from "./person-name";
import { PHASE_LABELS, type Phase } from "./tracks";
import { DEFAULT_LOCALE, GUIDANCE, guidance, guidanceOfFrench, type GuidanceText, type Locale } from "@/lib/i18n/guidance";

/*
 * The family home as a pure view-model: each child with the one-line state of their procedure
 * (or, while no phase of their campaign is open, the closed-campaign message: R-CAL-2), the
 * phases of their level's campaign with their dates and whether each is open now, upcoming or
 * over (R-CAL-2, R-CAL-4, R-OVS-5), and the académie's resource and assistance pages when the
 * académie has set them (R-OVS-5). The guidance texts come in the family's language (lib/i18n).
 */

export const FAMILY_HOME_TITLE = "Orientation de mes enfants";
export const NO_CHILD_MESSAGE = GUIDANCE["home.noChild"].fr;
export const OPEN_PROCEDURE_LINK = "Voir la procédure d'orientation";

const PHASES: readonly Phase[] = ["provisional", "final"];

export type FamilyHomeChild = {
  id: string;
  firstName: string;
  lastName: string;
  divisionCode: string;
  schoolName: string;
  /** The child's académie (its resource and assistance pages). */
  academyId?: string;
  /** A phase of the child's campaign is open now (R-CAL-1). */
  campaignOpen: boolean;
  state: ProcedureState;
  /** The windows of the child's level in the académie's calendar, labelled by term (R-CAL-4). */
  calendar: readonly CalendarEntry[];
};

/** An académie's pages for families, as the saio set them ("" = none). */
export type AcademyFamilyLinks = { id: string; name: string; resourcesUrl: string; assistanceUrl: string };

export type FamilyHomePhaseState = "open" | "upcoming" | "closed" | "not_set";

export type FamilyHomePhase = {
  phase: Phase;
  /** The procedure's own words (French): « Deuxième trimestre – Intentions provisoires ». */
  title: string;
  explain: GuidanceText;
  state: FamilyHomePhaseState;
  /** « Ouverte maintenant, jusqu'au … », « À venir : du … au … », « Terminée : … », or not published. */
  when: GuidanceText;
};

export type FamilyHomeCard = {
  id: string;
  name: string;
  place: string;
  notice: { kind: "state"; tone: ProcedureState["tone"]; text: string } | { kind: "campaign_closed"; text: GuidanceText };
  /** R-CAL-2 / R-OVS-5: the phases of the child's campaign and their dates, or the notice that none are published. */
  phases: { heading: GuidanceText; entries: FamilyHomePhase[]; unpublished: GuidanceText | null };
  link: { href: string; text: string; srSuffix: string };
};

export type FamilyHomeHelp = {
  heading: GuidanceText;
  intro: GuidanceText;
  academies: { id: string; name: string; links: { href: string; text: GuidanceText }[] }[];
};

export type FamilyHomeView = {
  title: string;
  emptyMessage: GuidanceText | null;
  children: FamilyHomeCard[];
  /** R-OVS-5: the académies' resource and assistance pages; null when none is set. */
  help: FamilyHomeHelp | null;
  locale: Locale;
};

/** R-CAL-2 / R-OVS-5: one phase of a child's campaign, with its dates and where it stands at `now`. */
export function describeHomePhase(phase: Phase, entry: CalendarEntry | undefined, now: Date, locale: Locale): FamilyHomePhase {
  const explain = guidance(locale, phase === "provisional" ? "home.phase.provisional.explain" : "home.phase.final.explain");
  if (!entry) return { phase, title: PHASE_LABELS[phase], explain, state: "not_set", when: guidance(locale, "home.phase.notSet") };
  const dates = { opens: formatParisDateTime(entry.opensAt), closes: formatParisDateTime(entry.closesAt) };
  const w = windowState(entry, now);
  const state: FamilyHomePhaseState = w === "open" ? "open" : w === "before" ? "upcoming" : "closed";
  const key = state === "open" ? "home.phase.open" : state === "upcoming" ? "home.phase.upcoming" : "home.phase.closed";
  return { phase, title: `${entry.termLabel} – ${PHASE_LABELS[phase]}`, explain, state, when: guidance(locale, key, dates) };
}

/** R-OVS-5: the links of the académies of the family's children, only those the académie has set. */
export function describeFamilyHomeHelp(academies: readonly AcademyFamilyLinks[], locale: Locale): FamilyHomeHelp | null {
  const listed = academies
    .map((a) => ({
      id: a.id,
      name: a.name,
      links: [
        ...(a.resourcesUrl ? [{ href: a.resourcesUrl, text: guidance(locale, "home.help.resources") }] : []),
        ...(a.assistanceUrl ? [{ href: a.assistanceUrl, text: guidance(locale, "home.help.assistance") }] : []),
      ],
    }))
    .filter((a) => a.links.length > 0);
  if (listed.length === 0) return null;
  return { heading: guidance(locale, "home.help.heading"), intro: guidance(locale, "home.help.intro"), academies: listed };
}

export function describeFamilyHome(
  children: readonly FamilyHomeChild[],
  now: Date,
  options: { locale?: Locale; academies?: readonly AcademyFamilyLinks[] } = {},
): FamilyHomeView {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const academyIds = new Set(children.map((c) => c.academyId));
  return {
    title: FAMILY_HOME_TITLE,
    emptyMessage: children.length === 0 ? guidance(locale, "home.noChild") : null,
    children: children.map((c) => {
      const name = `${c.firstName} ${c.lastName}`;
      return {
        id: c.id,
        name,
        place: `${c.divisionCode} – ${c.schoolName}`,
        notice: c.campaignOpen
          ? { kind: "state", tone: c.state.tone, text: c.state.label }
          : { kind: "campaign_closed", text: guidanceOfFrench(locale, CAMPAIGN_CLOSED_MESSAGE) }, // R-CAL-2
        phases: {
          heading: guidance(locale, "home.phases.heading"),
          entries:
            c.calendar.length === 0
              ? []
              : PHASES.map((p) =>
                  describeHomePhase(
                    p,
                    c.calendar.find((e) => e.phase === p),
                    now,
                    locale,
                  ),
                ),
          unpublished: c.calendar.length === 0 ? guidance(locale, "home.phases.unpublished") : null,
        },
        link: { href: `/famille/eleves/${c.id}`, text: OPEN_PROCEDURE_LINK, srSuffix: ` ${deName(name)}` },
      };
    }),
    help: describeFamilyHomeHelp(
      (options.academies ?? []).filter((a) => academyIds.has(a.id)),
      locale,
    ),
    locale,
  };
}
