import { describe, expect, it } from "vitest";
import { familyServiceState, isAdult, schoolYearOf, termLabel, windowState } from "@/lib/domain/calendar";
import { familyClaimsSchema, matchGuardian, sameName } from "@/lib/domain/oidc-claims";
import {
  formatParisDate,
  formatParisDateTime,
  fromParisInputValue,
  nextParisDay,
  parisDateTime,
  parisDayKey,
  toParisInputValue,
} from "@/lib/domain/paris-time";
import { describeProcedureState } from "@/lib/domain/procedure-state";
import { describeTrack, isTrackOf, itemLimits, trackTakesDetails } from "@/lib/domain/tracks";
import { lockMinutes } from "@/lib/auth/throttle";
import { ConfigurationError, parseEnv } from "@/lib/env";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("Paris time (R-CAL-1)", () => {
  it("computes the Paris calendar day, not the UTC one", () => {
    expect(parisDayKey(new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
    expect(parisDayKey(new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02");
  });
  it("turns Paris wall-clock times into instants on both sides of daylight saving time", () => {
    expect(parisDateTime("2026-11-24", "02:00").toISOString()).toBe("2026-11-24T01:00:00.000Z");
    expect(parisDateTime("2026-06-24", "02:00").toISOString()).toBe("2026-06-24T00:00:00.000Z");
    expect(nextParisDay("2026-12-31")).toBe("2027-01-01");
  });
  it("formats dates the French way and round-trips datetime-local values", () => {
    const d = new Date("2026-03-05T08:07:00Z");
    expect(formatParisDate(d)).toBe("05/03/2026");
    expect(formatParisDateTime(d)).toBe("05/03/2026 à 09:07");
    expect(fromParisInputValue(toParisInputValue(d))?.toISOString()).toBe(d.toISOString());
    expect(fromParisInputValue("pas une date")).toBeNull();
  });
});

describe("campaign calendar", () => {
  const window = { opensAt: new Date("2026-11-01T08:00:00Z"), closesAt: new Date("2026-12-01T17:00:00Z") };
  const OPEN_FILE = { schoolYear: "2026-2027", leftOn: null, openYear: "2026-2027" };
  it("R-CAL-1: the service opens and closes itself on the académie's dates", () => {
    expect(windowState(window, new Date("2026-10-31T12:00:00Z"))).toBe("before");
    expect(windowState(window, new Date("2026-11-01T08:00:00Z"))).toBe("open");
    expect(windowState(window, new Date("2026-12-01T17:00:00Z"))).toBe("after");
    expect(windowState(undefined, new Date())).toBe("not_set");
  });
  it("R-CAL-2 / R-CAL-3 / R-SCH-3: closed campaign, school closure and open council each close the family service", () => {
    const base = { window, schoolClosed: false, councilOpen: false, outOfProcedure: false, file: OPEN_FILE, now: new Date("2026-11-15T12:00:00Z") };
    expect(familyServiceState(base)).toEqual({ open: true });
    expect(familyServiceState({ ...base, now: new Date("2026-12-02T00:00:00Z") })).toEqual({ open: false, reason: "campaign_closed" });
    expect(familyServiceState({ ...base, schoolClosed: true })).toEqual({ open: false, reason: "school_closed" });
    expect(familyServiceState({ ...base, councilOpen: true })).toEqual({ open: false, reason: "council_open" });
    expect(familyServiceState({ ...base, outOfProcedure: true })).toEqual({ open: false, reason: "out_of_procedure" });
  });
  it("R-DATA-1, R-DATA-3: a student who left, or a past year's file, closes the family service with its reason", () => {
    const base = { window, schoolClosed: false, councilOpen: false, outOfProcedure: false, file: OPEN_FILE, now: new Date("2026-11-15T12:00:00Z") };
    expect(familyServiceState({ ...base, file: { ...OPEN_FILE, leftOn: "2026-11-16" } })).toEqual({ open: true });
    expect(familyServiceState({ ...base, file: { ...OPEN_FILE, leftOn: "2026-11-15" } })).toEqual({
      open: false,
      reason: "file_closed",
      text: "Cet élève a quitté l'établissement : son dossier reste consultable mais ne peut plus être modifié.",
    });
    expect(familyServiceState({ ...base, file: { ...OPEN_FILE, openYear: "2027-2028" } })).toEqual({
      open: false,
      reason: "file_closed",
      text: "La campagne de l'année scolaire 2026-2027 est close : ce dossier reste consultable et imprimable mais ne peut plus être modifié.",
    });
  });
  it("R-CAL-4: labels each phase by term, as the school is configured", () => {
    expect(termLabel("provisional", "trimester")).toBe("Deuxième trimestre");
    expect(termLabel("provisional", "semester")).toBe("Premier semestre");
    expect(termLabel("final", "trimester")).toBe("Troisième trimestre");
    expect(termLabel("final", "semester")).toBe("Second semestre");
  });
  it("knows the school year and who is an adult (R-AUTH-4), in Paris time", () => {
    expect(schoolYearOf(new Date("2026-11-23T10:00:00Z"))).toBe("2026-2027");
    expect(schoolYearOf(new Date("2027-08-31T21:00:00Z"))).toBe("2026-2027"); // 23:00 in Paris
    expect(schoolYearOf(new Date("2027-08-31T22:30:00Z"))).toBe("2027-2028"); // already 1 September in Paris
    expect(isAdult("2008-11-24", new Date("2026-11-23T12:00:00Z"))).toBe(false);
    expect(isAdult("2008-11-24", new Date("2026-11-23T23:30:00Z"))).toBe(true); // 24 November in Paris
  });
});

describe("tracks", () => {
  it("R-INT-2: 3e has three voies and 1 to 3 intentions; 2GT's final phase up to 11 (R-2GT-3)", () => {
    expect(isTrackOf("3e", "2GT")).toBe(true);
    expect(isTrackOf("3e", "1G")).toBe(false);
    expect(itemLimits("3e", "provisional")).toEqual({ min: 1, max: 3 });
    expect(itemLimits("3e", "final")).toEqual({ min: 1, max: 3 });
    expect(itemLimits("2GT", "provisional")).toEqual({ min: 1, max: 3 });
    expect(itemLimits("2GT", "final")).toEqual({ min: 1, max: 11 });
  });
  it("R-INT-5: only 2de professionnelle and CAP take details", () => {
    expect(trackTakesDetails("2PRO")).toBe(true);
    expect(trackTakesDetails("CAP")).toBe(true);
    expect(trackTakesDetails("2GT")).toBe(false);
    expect(describeTrack({ track: "2GT", subTrack: "" })).toBe("2de générale et technologique ou 2de STHR");
    expect(describeTrack({ track: "1T", subTrack: "STL_BIO" })).toBe("1re technologique – série STL option biotechnologies"); // R-2GT-1: STL with its option
  });
});

describe("family OpenID Connect claims (R-AUTH-4)", () => {
  const claims = familyClaimsSchema.parse({
    edu_profile: "guardian",
    sub: "x",
    given_name: "Hélène",
    family_name: "Lefèvre-Roux",
    children: [
      { ine: "INE1", uai: "0381234A", given_name: "Léo", family_name: "Roux" },
      { ine: "INE2", uai: "0381234A", given_name: "Zoé", family_name: "Roux" },
    ],
  });
  it("R-AUTH-4: links the guardian of every child named, whose names match, without typing a child's id", () => {
    expect(sameName("LEFEVRE ROUX", "Lefèvre-Roux")).toBe(true);
    const c = (guardianId: string, studentIne: string, firstName = "Hélène", lastName = "Lefèvre-Roux") => ({ guardianId, studentIne, firstName, lastName });
    expect(matchGuardian(claims as never, [c("g1", "INE1"), c("g1", "INE2"), c("g2", "INE1", "Marc", "Roux")])).toBe("g1");
  });
  it("R-AUTH-4: refuses when no guardian, or more than one, matches", () => {
    const c = (guardianId: string, studentIne: string) => ({ guardianId, studentIne, firstName: "Hélène", lastName: "Lefèvre-Roux" });
    expect(matchGuardian(claims as never, [c("g1", "INE1")])).toBeNull(); // not a guardian of INE2
    expect(matchGuardian(claims as never, [c("g1", "INE1"), c("g1", "INE2"), c("g2", "INE1"), c("g2", "INE2")])).toBeNull();
    expect(familyClaimsSchema.safeParse({ edu_profile: "guardian", sub: "x", given_name: "A", family_name: "B", children: [] }).success).toBe(false);
  });
});

describe("sign-in", () => {
  it("R-AUTH-2: passwords are stored as scrypt hashes and verified", async () => {
    const h = await hashPassword("Mot de passe très long !");
    expect(h.startsWith("scrypt$")).toBe(true);
    expect(h).not.toContain("Mot de passe");
    expect(await verifyPassword("Mot de passe très long !", h)).toBe(true);
    expect(await verifyPassword("autre", h)).toBe(false);
    expect(await verifyPassword("x", "n'importe quoi")).toBe(false);
  });
  it("R-AUTH-2: four failures are free, then the lock grows from 1 minute up to an hour", () => {
    expect([1, 2, 3, 4].map(lockMinutes)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map(lockMinutes)).toEqual([1, 2, 4, 8]);
    expect(lockMinutes(30)).toBe(60);
  });
});

describe("configuration", () => {
  it("gives one clear French message per bad value", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(ConfigurationError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL : doit commencer par postgres:\/\//);
    expect(() => parseEnv({ OIDC_ISSUER: "http://127.0.0.1:1" })).toThrow(/donnez les trois ou aucun/);
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET : obligatoire en production/);
    expect(parseEnv({}).SYNC_CRON).toBe("0 2 * * *");
  });
});

describe("procedure state on the family home", () => {
  it("R-CAL-2: says what the family has to do, or what was done, by whom and when", () => {
    const base = {
      outOfProcedure: false,
      service: { open: true } as const,
      validated: null,
      opinionsPublished: false,
      acknowledged: null,
      decisionPublished: false,
    };
    expect(describeProcedureState(base).label).toBe("Intentions provisoires à saisir");
    expect(describeProcedureState({ ...base, validated: { byName: "Mme Anne Roux", at: new Date("2026-11-23T09:05:00Z") } }).label).toContain(
      "Intentions validées le 23/11/2026 à 10:05 par Mme Anne Roux",
    );
    expect(describeProcedureState({ ...base, service: { open: false, reason: "council_open" } }).tone).toBe("closed");
    expect(describeProcedureState({ ...base, opinionsPublished: true }).label).toContain("accusé de réception à faire");
  });
});
