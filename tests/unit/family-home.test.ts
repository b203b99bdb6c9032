import { describe, expect, it } from "vitest";
import { CAMPAIGN_CLOSED_MESSAGE } from "@/lib/domain/calendar";
import { CALENDAR_NOT_PUBLISHED_MESSAGE } from "@/lib/domain/campaign-calendar";
import { describeFamilyHome, NO_CHILD_MESSAGE, type FamilyHomeChild } from "@/lib/domain/family-home";
import { parisDateTime } from "@/lib/domain/paris-time";

const child: FamilyHomeChild = {
  id: "s1",
  firstName: "Léa",
  lastName: "Martin",
  divisionCode: "3A",
  schoolName: "Collège Stendhal",
  campaignOpen: true,
  state: { label: "Intentions provisoires à saisir", tone: "todo" },
  calendar: [
    { phase: "provisional", termLabel: "Deuxième trimestre", opensAt: parisDateTime("2026-11-02", "08:00"), closesAt: parisDateTime("2027-03-01", "18:00") },
  ],
};

describe("the family home (view-model)", () => {
  it("R-AUTH-1: a guardian with no child linked is told to contact the school", () => {
    expect(describeFamilyHome([])).toEqual({ title: "Orientation de mes enfants", emptyMessage: NO_CHILD_MESSAGE, children: [] });
  });

  it("R-INT-1: while the campaign is open, each child shows the state of their procedure and a link to it", () => {
    const [card] = describeFamilyHome([child]).children;
    expect(card).toEqual({
      id: "s1",
      name: "Léa Martin",
      place: "3A – Collège Stendhal",
      notice: { kind: "state", tone: "todo", text: "Intentions provisoires à saisir" },
      link: { href: "/famille/eleves/s1", text: "Voir la procédure d'orientation", srSuffix: " de Léa Martin" },
    });
  });

  it("R-CAL-2 / R-CAL-4: outside the window, the child shows « La campagne d'orientation n'est pas ouverte. » and the calendar by term", () => {
    const [closed, unpublished] = describeFamilyHome([
      { ...child, campaignOpen: false },
      { ...child, id: "s2", campaignOpen: false, calendar: [] },
    ]).children;
    expect(closed!.notice).toEqual({
      kind: "campaign_closed",
      text: CAMPAIGN_CLOSED_MESSAGE,
      calendar: {
        published: true,
        heading: "Calendrier du service en ligne",
        entries: [{ phase: "provisional", title: "Deuxième trimestre – Intentions provisoires", dates: "Du 02/11/2026 à 08:00 au 01/03/2027 à 18:00" }],
      },
    });
    expect(unpublished!.notice).toEqual({
      kind: "campaign_closed",
      text: CAMPAIGN_CLOSED_MESSAGE,
      calendar: { published: false, text: CALENDAR_NOT_PUBLISHED_MESSAGE },
    });
  });
});
