import { describe, expect, it } from "vitest";
import { CAMPAIGN_CLOSED_MESSAGE } from "@/lib/domain/calendar";
import { CALENDAR_NOT_PUBLISHED_MESSAGE } from "@/lib/domain/campaign-calendar";
import { describeFamilyHome, describeHomePhase, NO_CHILD_MESSAGE, type FamilyHomeChild } from "@/lib/domain/family-home";
import { parisDateTime } from "@/lib/domain/paris-time";

const provisional = {
  phase: "provisional" as const,
  termLabel: "Deuxième trimestre",
  opensAt: parisDateTime("2026-11-02", "08:00"),
  closesAt: parisDateTime("2027-03-01", "18:00"),
};
const final = {
  phase: "final" as const,
  termLabel: "Troisième trimestre",
  opensAt: parisDateTime("2027-04-06", "08:00"),
  closesAt: parisDateTime("2027-05-28", "18:00"),
};

const child: FamilyHomeChild = {
  id: "s1",
  firstName: "Léa",
  lastName: "Martin",
  divisionCode: "3A",
  schoolName: "Collège Stendhal",
  academyId: "grenoble",
  campaignOpen: true,
  state: { label: "Intentions provisoires à saisir", tone: "todo" },
  calendar: [provisional],
};
const DURING_PROVISIONAL = parisDateTime("2026-12-01", "10:00");
const academy = { id: "grenoble", name: "Académie de Grenoble", resourcesUrl: "https://www.ac-grenoble.fr/orientation", assistanceUrl: "" };

describe("the family home (view-model)", () => {
  it("R-AUTH-1: a guardian with no child linked is told to contact the school", () => {
    const home = describeFamilyHome([], DURING_PROVISIONAL);
    expect(home).toMatchObject({ title: "Orientation de mes enfants", children: [], help: null, locale: "fr" });
    expect(home.emptyMessage).toEqual({ locale: "fr", text: NO_CHILD_MESSAGE, fr: NO_CHILD_MESSAGE });
  });

  it("R-INT-1: while the campaign is open, each child shows the state of their procedure and a link to it", () => {
    const [card] = describeFamilyHome([child], DURING_PROVISIONAL).children;
    expect(card).toMatchObject({
      id: "s1",
      name: "Léa Martin",
      place: "3A – Collège Stendhal",
      notice: { kind: "state", tone: "todo", text: "Intentions provisoires à saisir" },
      link: { href: "/famille/eleves/s1", text: "Voir la procédure d'orientation", srSuffix: " de Léa Martin" },
    });
  });

  it("R-CAL-2 / R-CAL-4: outside the window, the child shows « La campagne d'orientation n'est pas ouverte. » and the calendar by term", () => {
    const [closed, unpublished] = describeFamilyHome(
      [
        { ...child, campaignOpen: false },
        { ...child, id: "s2", campaignOpen: false, calendar: [] },
      ],
      parisDateTime("2026-10-01", "10:00"),
    ).children;
    expect(closed!.notice).toEqual({ kind: "campaign_closed", text: { locale: "fr", text: CAMPAIGN_CLOSED_MESSAGE, fr: CAMPAIGN_CLOSED_MESSAGE } });
    expect(closed!.phases.heading.text).toBe("Calendrier du service en ligne");
    expect(closed!.phases.entries.map((p) => [p.title, p.state, p.when.text])).toEqual([
      ["Deuxième trimestre – Intentions provisoires", "upcoming", "À venir : du 02/11/2026 à 08:00 au 01/03/2027 à 18:00"],
      ["Choix définitifs", "not_set", "Dates pas encore publiées par l'académie"],
    ]);
    expect(unpublished!.phases).toMatchObject({ entries: [], unpublished: { text: CALENDAR_NOT_PUBLISHED_MESSAGE } });
  });
});

describe("R-OVS-5: the family home presents each phase and its dates", () => {
  const at = (day: string) => parisDateTime(day, "12:00");
  const states = (now: Date) =>
    describeFamilyHome([{ ...child, calendar: [provisional, final] }], now).children[0]!.phases.entries.map((p) => [p.phase, p.state]);

  it("R-OVS-5: before the campaign both phases are upcoming; during the provisional window it is open and the final one upcoming", () => {
    expect(states(at("2026-10-15"))).toEqual([
      ["provisional", "upcoming"],
      ["final", "upcoming"],
    ]);
    expect(states(at("2027-01-10"))).toEqual([
      ["provisional", "open"],
      ["final", "upcoming"],
    ]);
  });

  it("R-OVS-5: during the final window the provisional phase is over and the final one open; after it both are over", () => {
    expect(states(at("2027-04-20"))).toEqual([
      ["provisional", "closed"],
      ["final", "open"],
    ]);
    expect(states(at("2027-06-15"))).toEqual([
      ["provisional", "closed"],
      ["final", "closed"],
    ]);
  });

  it("R-OVS-5: an open phase says until when, an upcoming or past one its two dates, each with what the family does in it", () => {
    const open = describeHomePhase("provisional", provisional, at("2027-01-10"), "fr");
    expect(open.when.text).toBe("Ouverte maintenant, jusqu'au 01/03/2027 à 18:00");
    expect(open.explain.text).toMatch(/^Phase provisoire : vous saisissez les intentions d'orientation/);
    const past = describeHomePhase("final", final, at("2027-06-15"), "fr");
    expect(past.title).toBe("Troisième trimestre – Choix définitifs");
    expect(past.when.text).toBe("Terminée : du 06/04/2027 à 08:00 au 28/05/2027 à 18:00");
    expect(past.explain.text).toMatch(/^Phase définitive : vous saisissez les choix définitifs/);
  });

  it("R-OVS-5: the level's own windows are shown (a 2de GT child's card has the lycée's dates, labelled by its term)", () => {
    const lycee = { ...child, id: "s3", calendar: [{ ...final, termLabel: "Second semestre", opensAt: at("2027-05-03"), closesAt: at("2027-06-01") }] };
    const [card] = describeFamilyHome([lycee], at("2027-05-10")).children;
    expect(card!.phases.entries.map((p) => [p.title, p.state])).toEqual([
      ["Intentions provisoires", "not_set"],
      ["Second semestre – Choix définitifs", "open"],
    ]);
  });

  it("R-OVS-5: in English or Arabic the phases' guidance is translated, the dates kept, the French text alongside", () => {
    const [en] = describeFamilyHome([child], at("2027-01-10"), { locale: "en" }).children;
    expect(en!.phases.entries[0]!.when).toEqual({
      locale: "en",
      text: "Open now, until 01/03/2027 à 18:00",
      fr: "Ouverte maintenant, jusqu'au 01/03/2027 à 18:00",
    });
    expect(en!.phases.entries[0]!.title).toBe("Deuxième trimestre – Intentions provisoires"); // the procedure's term stays French
    const [ar] = describeFamilyHome([{ ...child, campaignOpen: false }], at("2026-10-01"), { locale: "ar" }).children;
    expect(ar!.phases.entries[0]!.when.locale).toBe("ar");
    expect(ar!.phases.entries[0]!.when.text).toContain("02/11/2026 à 08:00");
    expect(ar!.notice).toMatchObject({ kind: "campaign_closed", text: { locale: "ar", fr: CAMPAIGN_CLOSED_MESSAGE } });
  });

  it("R-OVS-5: the académie's resource and assistance pages are linked only when set, and only the children's académies", () => {
    expect(describeFamilyHome([child], DURING_PROVISIONAL, { academies: [{ ...academy, resourcesUrl: "" }] }).help).toBeNull();
    const help = describeFamilyHome([child], DURING_PROVISIONAL, {
      academies: [academy, { id: "lyon", name: "Académie de Lyon", resourcesUrl: "https://www.ac-lyon.fr", assistanceUrl: "https://www.ac-lyon.fr/aide" }],
    }).help;
    expect(help?.academies).toEqual([
      {
        id: "grenoble",
        name: "Académie de Grenoble",
        links: [{ href: "https://www.ac-grenoble.fr/orientation", text: expect.objectContaining({ text: "Ressources sur l'orientation" }) }],
      },
    ]);
    const both = describeFamilyHome([child], DURING_PROVISIONAL, {
      locale: "en",
      academies: [{ ...academy, assistanceUrl: "https://www.ac-grenoble.fr/assistance-familles" }],
    }).help;
    expect(both?.heading.text).toBe("Help and resources from the académie");
    expect(both?.academies[0]!.links.map((l) => [l.href, l.text.text])).toEqual([
      ["https://www.ac-grenoble.fr/orientation", "Resources on guidance"],
      ["https://www.ac-grenoble.fr/assistance-familles", "Assistance for families"],
    ]);
  });
});
