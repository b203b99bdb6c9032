import { describe, expect, it } from "vitest";
import { acknowledgementText, assertCanAcknowledge } from "@/lib/domain/acknowledgement";
import { CAMPAIGN_CLOSED_MESSAGE, OPINIONS_NOT_AVAILABLE_MESSAGE, termLabel } from "@/lib/domain/calendar";
import { DomainError } from "@/lib/domain/errors";
import { describeFamilyPage, ENTRY_NOT_AVAILABLE_MESSAGE, NOTHING_VALIDATED_MESSAGE, SCHOOL_CLOSED_MESSAGE, type FamilyPageFacts } from "@/lib/domain/family-page";

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

  it("offers no 3e entry to a level whose online entry is not built (2GT)", () => {
    expect(describeFamilyPage({ ...base, entrySupported: false }).intentions).toEqual({ mode: "none", text: ENTRY_NOT_AVAILABLE_MESSAGE });
    expect(describeFamilyPage({ ...base, entrySupported: false, request: validatedByG1 }).intentions.mode).toBe("readonly");
  });

  it("R-ACK-1: once avis are published, a guardian acknowledges; afterwards everyone sees who and when", () => {
    const published = { ...base, request: validatedByG1, opinionsPublished: true };
    expect(describeFamilyPage({ ...published, viewer: { accountId: "g2", mayEnter: true } }).opinions).toEqual({ mode: "shown", acknowledgement: { state: "to_do" } });
    expect(describeFamilyPage({ ...published, viewer: { accountId: "s", mayEnter: false } }).opinions).toEqual({ mode: "shown", acknowledgement: { state: "waiting" } });
    const ack = { actorName: "M. Paul Martin", acknowledgedAt: AT };
    const done = { mode: "shown", acknowledgement: { state: "done", text: "Accusé de réception effectué le 23/11/2026 à 10:05 par M. Paul Martin." } };
    for (const viewer of [{ accountId: "g1", mayEnter: true }, { accountId: "s", mayEnter: false }]) {
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
