import { describe, expect, it } from "vitest";
import { familyServiceState } from "@/lib/domain/calendar";
import { assertSchoolMayReopen, schoolServiceStatus, schoolYearBounds, validateCampaignCalendar } from "@/lib/domain/campaign-calendar";
import { DomainError } from "@/lib/domain/errors";
import { parisDateTime } from "@/lib/domain/paris-time";

const at = (day: string, time = "00:00") => parisDateTime(day, time);

function errorsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("INVALID_CALENDAR");
    return (e as DomainError).fieldErrors ?? {};
  }
  throw new Error("expected a refusal");
}

describe("campaign calendar (R-CAL-1)", () => {
  const good = [
    { phase: "provisional" as const, opensAt: at("2027-01-15", "08:00"), closesAt: at("2027-03-01", "18:00") },
    { phase: "final" as const, opensAt: at("2027-04-20", "08:00"), closesAt: at("2027-05-25", "18:00") },
  ];

  it("R-CAL-1: accepts consistent windows for both phases", () => {
    expect(validateCampaignCalendar("2026-2027", good)).toEqual(good);
  });

  it("R-CAL-1: the school year runs from 1 September to 31 August, Paris time", () => {
    const { start, end } = schoolYearBounds("2026-2027");
    expect(start.toISOString()).toBe("2026-08-31T22:00:00.000Z");
    expect(end.toISOString()).toBe("2027-08-31T22:00:00.000Z");
    expect(() => schoolYearBounds("2026-2028")).toThrow(DomainError);
  });

  it("R-CAL-1: refuses a closing that is not after the opening", () => {
    const errors = errorsOf(() =>
      validateCampaignCalendar("2026-2027", [{ phase: "provisional", opensAt: at("2027-03-01", "18:00"), closesAt: at("2027-03-01", "18:00") }]),
    );
    expect(errors["provisional.closesAt"]).toEqual(["La fermeture de la phase provisoire doit être postérieure à son ouverture."]);
  });

  it("R-CAL-1: refuses a final phase that opens before the provisional phase closes", () => {
    const errors = errorsOf(() => validateCampaignCalendar("2026-2027", [good[0]!, { ...good[1]!, opensAt: at("2027-02-20", "08:00") }]));
    expect(errors["final.opensAt"]).toEqual(["La phase définitive doit s'ouvrir après la fermeture de la phase provisoire."]);
  });

  it("R-CAL-1: the final phase may open the minute the provisional one closes", () => {
    expect(() => validateCampaignCalendar("2026-2027", [good[0]!, { ...good[1]!, opensAt: good[0]!.closesAt }])).not.toThrow();
  });

  it("R-CAL-1: refuses dates outside the school year", () => {
    const errors = errorsOf(() =>
      validateCampaignCalendar("2026-2027", [
        { phase: "provisional", opensAt: at("2026-08-31", "23:59"), closesAt: at("2026-10-01") },
        { phase: "final", opensAt: at("2027-06-01"), closesAt: at("2027-09-01", "00:01") },
      ]),
    );
    expect(errors["provisional.opensAt"]).toEqual(["L'ouverture de la phase provisoire doit être comprise dans l'année scolaire 2026-2027."]);
    expect(errors["final.closesAt"]).toEqual(["La fermeture de la phase définitive doit être comprise dans l'année scolaire 2026-2027."]);
  });

  it("R-CAL-1: a missing date is named on its field", () => {
    const errors = errorsOf(() => validateCampaignCalendar("2026-2027", [{ phase: "final", opensAt: null, closesAt: at("2027-05-01") }]));
    expect(errors["final.opensAt"]).toEqual(["Saisissez la date et l'heure d'ouverture de la phase définitive."]);
  });
});

describe("the school's own closing of the family service (R-CAL-3)", () => {
  const window = { opensAt: at("2027-01-15", "08:00"), closesAt: at("2027-03-01", "18:00") };

  it("R-CAL-3: inside the académie window the service is open unless the head closed it", () => {
    const now = at("2027-02-01", "12:00");
    expect(schoolServiceStatus(window, false, now)).toEqual({ state: "open", label: "Ouvert" });
    expect(schoolServiceStatus(window, true, now)).toEqual({ state: "closed_by_school", label: "Fermé par l'établissement" });
    expect(
      familyServiceState({
        window,
        schoolClosed: true,
        councilOpen: false,
        outOfProcedure: false,
        file: { schoolYear: "2026-2027", leftOn: null, openYear: "2026-2027" },
        now,
      }),
    ).toEqual({
      open: false,
      reason: "school_closed",
    });
  });

  it("R-CAL-3: the head cannot reopen after the académie's closing date, nor without a calendar", () => {
    expect(() => assertSchoolMayReopen(window, at("2027-03-01", "18:00"))).toThrow(
      "Le service en ligne ne peut être ouvert que dans la période fixée par l'académie.",
    );
    expect(() => assertSchoolMayReopen(undefined, at("2027-02-01"))).toThrow(DomainError);
    expect(() => assertSchoolMayReopen(window, at("2027-02-01"))).not.toThrow();
    expect(schoolServiceStatus(window, false, at("2027-03-02")).state).toBe("outside_window");
  });

  it("R-CAL-3: reopening by the school does not open the service before the académie's date (R-CAL-1)", () => {
    const before = at("2027-01-10");
    expect(() => assertSchoolMayReopen(window, before)).not.toThrow();
    expect(schoolServiceStatus(window, false, before).label).toBe("Fermé : la campagne académique n'est pas encore ouverte");
    expect(
      familyServiceState({
        window,
        schoolClosed: false,
        councilOpen: false,
        outOfProcedure: false,
        file: { schoolYear: "2026-2027", leftOn: null, openYear: "2026-2027" },
        now: before,
      }),
    ).toEqual({
      open: false,
      reason: "campaign_closed",
    });
  });
});
