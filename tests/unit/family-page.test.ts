import { describe, expect, it } from "vitest";
import { ACKNOWLEDGEMENT_WAITING_MESSAGE, acknowledgementText, assertCanAcknowledge } from "@/lib/domain/acknowledgement";
import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE, termLabel } from "@/lib/domain/calendar";
import { CALENDAR_NOT_PUBLISHED_MESSAGE } from "@/lib/domain/campaign-calendar";
import { DomainError } from "@/lib/domain/errors";
import {
  buildFamilyFileView,
  describeFamilyPage,
  ENTRY_NOT_AVAILABLE_MESSAGE,
  enteredByText,
  NOTHING_VALIDATED_MESSAGE,
  SCHOOL_CLOSED_MESSAGE,
  type FamilyFileFacts,
  type FamilyPageFacts,
} from "@/lib/domain/family-page";
import { fullItem, INTENTIONS_HEADING } from "@/lib/domain/intentions";
import { parisDateTime } from "@/lib/domain/paris-time";

const AT = new Date("2026-11-23T09:05:00Z");
const base: FamilyPageFacts = {
  service: { open: true },
  viewer: { accountId: "g1", mayEnter: true },
  entrySupported: true,
  request: null,
  opinionsPublished: false,
  acknowledgement: null,
  finalPhaseOpen: false,
  decisionPublished: false,
};
const validatedByG1 = { holderAccountId: "g1", holderName: "Mme Claire Martin", validatedAt: AT };

describe("the family's orientation page (view-model)", () => {
  it("R-CAL-4: three steps, the first current during the provisional phase; labelled by term", () => {
    const v = describeFamilyPage(base);
    expect(v.steps.map((s) => `${s.number} ${s.label}`)).toEqual(["1 Intentions provisoires", "2 Choix définitifs", "3 Décision"]);
    expect(v.steps.filter((s) => s.current).map((s) => s.number)).toEqual([1]);
    expect(describeFamilyPage({ ...base, finalPhaseOpen: true }).steps.find((s) => s.current)!.number).toBe(2);
    expect(describeFamilyPage({ ...base, decisionPublished: true }).steps.find((s) => s.current)!.number).toBe(3);
    expect(termLabel("provisional", "trimester")).toBe("Deuxième trimestre");
    expect(termLabel("provisional", "semester")).toBe("Premier semestre");
  });

  it("R-CAL-2: a closed campaign shows its message and the calendar, and allows no entry", () => {
    const v = describeFamilyPage({ ...base, service: { open: false, reason: "campaign_closed" } });
    expect(v.serviceMessage).toEqual({ text: CAMPAIGN_CLOSED_MESSAGE, showCalendar: true });
    expect(v.intentions).toEqual({ mode: "none", text: NOTHING_VALIDATED_MESSAGE });
  });

  it("R-CAL-3: a school-closed service shows its message and the validated intentions read-only", () => {
    const v = describeFamilyPage({ ...base, service: { open: false, reason: "school_closed" }, request: validatedByG1 });
    expect(v.serviceMessage).toEqual({ text: SCHOOL_CLOSED_MESSAGE, showCalendar: false });
    expect(v.intentions).toEqual({ mode: "readonly", enteredBy: "Intentions saisies par Mme Claire Martin le 23/11/2026 à 10:05" });
  });

  it("R-SCH-3: an open class council shows « Les avis provisoires … ne sont pas disponibles » until the avis are published", () => {
    const council = { ...base, service: { open: false, reason: "council_open" } as const, request: validatedByG1 };
    expect(describeFamilyPage(council).serviceMessage!.text).toBe(OPINIONS_NOT_AVAILABLE_MESSAGE);
    expect(describeFamilyPage(council).intentions.mode).toBe("readonly");
    const published = describeFamilyPage({ ...council, opinionsPublished: true });
    expect(published.serviceMessage).toBeNull();
    expect(published.opinions).toEqual({ mode: "shown", acknowledgement: { state: "to_do" } });
  });

  it("R-INT-1, R-INT-7: the holder edits (starting on the recap, «Modifier les intentions»); the other guardian and the student read, with who and when", () => {
    expect(describeFamilyPage(base).intentions).toEqual({ mode: "edit", hasValidated: false });
    expect(describeFamilyPage({ ...base, request: validatedByG1 }).intentions).toEqual({ mode: "edit", hasValidated: true });
    const readOnly = { mode: "readonly", enteredBy: "Intentions saisies par Mme Claire Martin le 23/11/2026 à 10:05" };
    expect(describeFamilyPage({ ...base, viewer: { accountId: "g2", mayEnter: true }, request: validatedByG1 }).intentions).toEqual(readOnly);
    expect(describeFamilyPage({ ...base, viewer: { accountId: "s", mayEnter: false }, request: validatedByG1 }).intentions).toEqual(readOnly);
    expect(describeFamilyPage({ ...base, viewer: { accountId: "s", mayEnter: false } }).intentions.mode).toBe("none");
  });

  it("R-SCH-5: an entry the school changed (published at the night) says the school changed it, with the family's entry as the original one", () => {
    const changed = { ...validatedByG1, changedBySchoolAt: new Date("2026-11-24T10:00:00Z") };
    const v = describeFamilyPage({ ...base, service: { open: false, reason: "council_open" }, request: changed });
    expect(v.intentions).toEqual({
      mode: "readonly",
      enteredBy:
        "Intentions modifiées par l'établissement le 24/11/2026 à 11:00, à la demande de la famille (saisie initiale par Mme Claire Martin le 23/11/2026 à 10:05)",
    });
    expect(enteredByText(changed, "final")).toBe(
      "Choix définitifs modifiés par l'établissement le 24/11/2026 à 11:00, à la demande de la famille (saisie initiale par Mme Claire Martin le 23/11/2026 à 10:05)",
    );
    // Not changed by the school: who entered it.
    expect(enteredByText({ ...validatedByG1, changedBySchoolAt: null }, "final")).toBe("Choix définitifs saisis par Mme Claire Martin le 23/11/2026 à 10:05");
  });

  it("offers no entry to a level whose online entry is not built", () => {
    expect(describeFamilyPage({ ...base, entrySupported: false }).intentions).toEqual({ mode: "none", text: ENTRY_NOT_AVAILABLE_MESSAGE });
    expect(describeFamilyPage({ ...base, entrySupported: false, request: validatedByG1 }).intentions.mode).toBe("readonly");
  });

  it("R-ACK-1: once avis are published, a guardian acknowledges; afterwards everyone sees who and when", () => {
    const published = { ...base, request: validatedByG1, opinionsPublished: true };
    expect(describeFamilyPage({ ...published, viewer: { accountId: "g2", mayEnter: true } }).opinions).toEqual({
      mode: "shown",
      acknowledgement: { state: "to_do" },
    });
    expect(describeFamilyPage({ ...published, viewer: { accountId: "s", mayEnter: false } }).opinions).toEqual({
      mode: "shown",
      acknowledgement: { state: "waiting", text: ACKNOWLEDGEMENT_WAITING_MESSAGE },
    });
    const ack = { actorName: "M. Paul Martin", acknowledgedAt: AT };
    const done = { mode: "shown", acknowledgement: { state: "done", text: "Accusé de réception effectué le 23/11/2026 à 10:05 par M. Paul Martin." } };
    for (const viewer of [
      { accountId: "g1", mayEnter: true },
      { accountId: "s", mayEnter: false },
    ]) {
      expect(describeFamilyPage({ ...published, viewer, acknowledgement: ack }).opinions).toEqual(done);
    }
    expect(acknowledgementText(ack)).toBe("Accusé de réception effectué le 23/11/2026 à 10:05 par M. Paul Martin.");
  });

  it("R-ACK-1: acknowledging is refused before publication, and cannot be repeated", () => {
    expect(() => assertCanAcknowledge({ opinionsPublished: false, existing: null })).toThrow(OPINIONS_NOT_AVAILABLE_MESSAGE);
    expect(() => assertCanAcknowledge({ opinionsPublished: true, existing: null })).not.toThrow();
    let err: unknown;
    try {
      assertCanAcknowledge({ opinionsPublished: true, existing: { actorName: "M. Paul Martin", acknowledgedAt: AT } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("ALREADY_ACKNOWLEDGED");
    expect((err as DomainError).message).toContain("ne peut pas être modifié");
  });
});

describe("the orientation file of one student (the page's whole view-model)", () => {
  const NOW = parisDateTime("2026-11-23", "10:00");
  const calendar = [
    {
      phase: "provisional" as const,
      termLabel: "Deuxième trimestre",
      opensAt: parisDateTime("2026-11-02", "08:00"),
      closesAt: parisDateTime("2027-03-01", "18:00"),
    },
    {
      phase: "final" as const,
      termLabel: "Troisième trimestre",
      opensAt: parisDateTime("2027-04-01", "08:00"),
      closesAt: parisDateTime("2027-05-30", "18:00"),
    },
  ];
  const facts: FamilyFileFacts = {
    student: {
      id: "s1",
      firstName: "Léa",
      lastName: "Martin",
      divisionCode: "3A",
      schoolName: "Collège Stendhal",
      level: "3e",
      termMode: "trimester",
      service: { open: true },
      calendar,
    },
    allowTrackDetails: true,
    viewer: { accountId: "g1", mayEnter: true },
    request: null,
    opinions: [],
    acknowledgement: null,
    decisionPublished: false,
    now: NOW,
  };
  const validated = {
    holderAccountId: "g1",
    holderName: "Mme Claire Martin",
    validatedAt: AT,
    items: [
      { track: "2PRO" as const, freeText: "Cuisine", statusSchool: true, statusApprentice: false },
      { track: "2GT" as const, freeText: null, statusSchool: false, statusApprentice: false },
    ],
  };

  it("R-CAL-4: the intentions are headed by the school's term of the provisional phase", () => {
    expect(buildFamilyFileView(facts).intentionsHeading).toBe(`Deuxième trimestre : ${INTENTIONS_HEADING}`);
    expect(buildFamilyFileView({ ...facts, student: { ...facts.student, termMode: "semester" } }).intentionsHeading).toBe(
      `Premier semestre : ${INTENTIONS_HEADING}`,
    );
    expect(buildFamilyFileView(facts).studentName).toBe("Léa Martin");
  });

  it("R-CAL-2 / R-CAL-4: a closed campaign shows the dates of each phase, labelled by term; none published says so", () => {
    const closed = buildFamilyFileView({ ...facts, student: { ...facts.student, service: { open: false, reason: "campaign_closed" } } });
    expect(closed.view.serviceMessage).toEqual({ text: CAMPAIGN_CLOSED_MESSAGE, showCalendar: true });
    expect(closed.calendar).toEqual({
      published: true,
      heading: "Calendrier du service en ligne",
      entries: [
        { phase: "provisional", title: "Deuxième trimestre – Intentions provisoires", dates: "Du 02/11/2026 à 08:00 au 01/03/2027 à 18:00" },
        { phase: "final", title: "Troisième trimestre – Choix définitifs", dates: "Du 01/04/2027 à 08:00 au 30/05/2027 à 18:00" },
      ],
    });
    expect(buildFamilyFileView({ ...facts, student: { ...facts.student, calendar: [] } }).calendar).toEqual({
      published: false,
      text: CALENDAR_NOT_PUBLISHED_MESSAGE,
    });
  });

  it("R-CAL-1: the second step is current once the final phase's window is open", () => {
    expect(buildFamilyFileView(facts).view.steps.find((s) => s.current)!.number).toBe(1);
    expect(buildFamilyFileView({ ...facts, now: parisDateTime("2027-04-02", "09:00") }).view.steps.find((s) => s.current)!.number).toBe(2);
  });

  it("R-INT-1 / R-INT-7: the last validated intentions by rank, for the holder's recap and the others' read-only list", () => {
    const holder = buildFamilyFileView({ ...facts, request: validated });
    expect(holder.validatedIntentions).toEqual(validated.items.map(fullItem));
    expect(holder.view.intentions).toEqual({ mode: "edit", hasValidated: true });
    const other = buildFamilyFileView({ ...facts, request: validated, viewer: { accountId: "g2", mayEnter: true } });
    expect(other.view.intentions.mode).toBe("readonly");
    expect(buildFamilyFileView(facts).validatedIntentions).toBeNull();
  });

  it("R-ACK-1 / R-INT-5: each avis names its voie, the intention's details, the avis in words and the recommendations", () => {
    const v = buildFamilyFileView({
      ...facts,
      request: validated,
      opinions: [
        { rank: 1, track: "2PRO", freeText: "Cuisine", statusSchool: true, statusApprentice: false, value: "reserve", comment: "Stage à prévoir" },
        { rank: 2, track: "2GT", freeText: null, statusSchool: false, statusApprentice: false, value: "favorable", comment: null },
      ],
    });
    expect(v.opinions).toEqual([
      {
        rank: 1,
        value: "reserve",
        trackLabel: "2de professionnelle",
        detailLines: ["Spécialité(s) ou famille(s) de métiers : Cuisine", "Sous statut scolaire"],
        valueLabel: "Réservé",
        comment: "Stage à prévoir",
      },
      { rank: 2, value: "favorable", trackLabel: "2de générale et technologique ou 2de STHR", detailLines: [], valueLabel: "Favorable", comment: null },
    ]);
    expect(v.view.opinions).toEqual({ mode: "shown", acknowledgement: { state: "to_do" } });
  });

  it("R-AUTH-4: the adult student's guardian reads the file and waits for the student's acknowledgement", () => {
    const v = buildFamilyFileView({
      ...facts,
      viewer: { accountId: "g1", mayEnter: false },
      request: validated,
      opinions: [{ rank: 1, track: "2GT", freeText: null, statusSchool: false, statusApprentice: false, value: "favorable", comment: null }],
    });
    expect(v.view.intentions.mode).toBe("readonly");
    expect(v.view.opinions).toEqual({ mode: "shown", acknowledgement: { state: "waiting", text: ACKNOWLEDGEMENT_WAITING_MESSAGE } });
  });
});
