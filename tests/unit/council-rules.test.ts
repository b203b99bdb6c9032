import { describe, expect, it } from "vitest";
import { assertCanOpenCouncil, assertCanResetCouncil, assertCouncilDate, assertCouncilOpenForOpinions } from "@/lib/domain/council";
import { DomainError } from "@/lib/domain/errors";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

describe("class council rules", () => {
  it("R-SCH-3: a planned council can be opened, an open one cannot be opened again", () => {
    expect(codeOf(() => assertCanOpenCouncil({ state: "planned", scheduledAt: null, openedAt: null }))).toBe("ok");
    expect(codeOf(() => assertCanOpenCouncil(null))).toBe("ok");
    expect(codeOf(() => assertCanOpenCouncil({ state: "open", scheduledAt: null, openedAt: new Date() }))).toBe("COUNCIL_ALREADY_OPEN");
  });

  it("R-SCH-6: only an open council can be reset", () => {
    expect(codeOf(() => assertCanResetCouncil({ state: "planned", scheduledAt: null, openedAt: null }))).toBe("COUNCIL_NOT_OPEN");
    expect(codeOf(() => assertCanResetCouncil({ state: "open", scheduledAt: null, openedAt: new Date() }))).toBe("ok");
  });

  it("R-SCH-6: the council date can be moved within the school year, not to an unreadable or far date", () => {
    const now = new Date("2026-11-23T10:00:00Z");
    expect(codeOf(() => assertCouncilDate(new Date("2027-01-12T16:30:00Z"), now))).toBe("ok");
    expect(codeOf(() => assertCouncilDate(new Date("invalid"), now))).toBe("INVALID_DATE");
    expect(codeOf(() => assertCouncilDate(new Date("2029-01-12T16:30:00Z"), now))).toBe("INVALID_DATE");
  });

  it("R-SCH-7: avis are entered only once the council is open", () => {
    expect(codeOf(() => assertCouncilOpenForOpinions({ state: "planned", scheduledAt: null, openedAt: null }))).toBe("COUNCIL_NOT_OPEN");
    expect(codeOf(() => assertCouncilOpenForOpinions({ state: "open", scheduledAt: null, openedAt: new Date() }))).toBe("ok");
  });
});
