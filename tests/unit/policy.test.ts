import { describe, expect, it } from "vitest";
import { authorize, can, NotFoundError, RIGHTS_MATRIX, visibleDivisions, type Action, type Resource } from "@/lib/auth/policy";
import { testActor } from "../support/actors";

/*
 * R-AUTH-1: the full matrix — every role (in and out of scope) × every action × every kind of
 * resource — against the expected answer written out by hand below.
 */
const SCHOOL = "school-1";
const OTHER_SCHOOL = "school-2";
const ACADEMY = "grenoble";
const DIV = "div-3A";
const OTHER_DIV = "div-3C";
const GUARDIAN = "guardian-1";
const STUDENT = "student-1";

const actors = {
  guardian: testActor("guardian", { guardianId: GUARDIAN }),
  otherGuardian: testActor("guardian", { guardianId: "guardian-9", accountId: "acc-guardian-9" }),
  student: testActor("student", { studentId: STUDENT }),
  otherStudent: testActor("student", { studentId: "student-9" }),
  head: testActor("head", { schoolId: SCHOOL }),
  otherHead: testActor("head", { schoolId: OTHER_SCHOOL }),
  homeroom: testActor("homeroom", { schoolId: SCHOOL, homeroomDivisionIds: [DIV] }),
  homeroomOtherDiv: testActor("homeroom", { schoolId: SCHOOL, homeroomDivisionIds: [OTHER_DIV] }),
  homeroomDelegated: testActor("homeroom", { schoolId: SCHOOL, homeroomDivisionIds: [OTHER_DIV], delegatedByHead: true }),
  homeroomOtherSchoolDelegated: testActor("homeroom", { schoolId: OTHER_SCHOOL, delegatedByHead: true }),
  saio: testActor("saio", { academyId: ACADEMY }),
  otherSaio: testActor("saio", { academyId: "lyon" }),
  admin: testActor("admin"),
} as const;
type Who = keyof typeof actors;

const minor: Resource = {
  type: "student",
  studentId: STUDENT,
  divisionId: DIV,
  schoolId: SCHOOL,
  academyId: ACADEMY,
  guardianIds: [GUARDIAN],
  studentIsAdult: false,
  closed: null,
};
const adult: Resource = { ...minor, studentIsAdult: true } as Resource;
const division: Resource = { type: "division", divisionId: DIV, schoolId: SCHOOL, academyId: ACADEMY, closed: false };
const school: Resource = { type: "school", schoolId: SCHOOL, academyId: ACADEMY };
const academy: Resource = { type: "academy", academyId: ACADEMY };
const platform: Resource = { type: "platform" };
const guardianAccount: Resource = { type: "account", accountId: "acc-guardian" };
const adminAccount: Resource = { type: "account", accountId: "acc-admin" };

const staffOfDivision: Who[] = ["head", "homeroom", "homeroomDelegated"];

/** Who may, for each action on its resource; everyone else may not. */
const expected: { action: Action; resource: Resource; label: string; allowed: Who[] }[] = [
  { action: "read:student-file", resource: minor, label: "minor student", allowed: ["guardian", "student", ...staffOfDivision] },
  { action: "read:student-file", resource: adult, label: "adult student", allowed: ["guardian", "student", ...staffOfDivision] },
  { action: "enter:family-request", resource: minor, label: "minor student", allowed: ["guardian"] },
  { action: "enter:family-request", resource: adult, label: "adult student", allowed: ["student"] },
  { action: "manage:student-file", resource: minor, label: "student", allowed: staffOfDivision },
  { action: "read:division", resource: division, label: "division", allowed: staffOfDivision },
  { action: "manage:division", resource: division, label: "division", allowed: staffOfDivision },
  { action: "read:school", resource: school, label: "school", allowed: ["head", "homeroom", "homeroomOtherDiv", "homeroomDelegated"] },
  { action: "manage:school", resource: school, label: "school", allowed: ["head"] },
  { action: "read:academy", resource: academy, label: "académie", allowed: ["saio", "admin"] },
  { action: "manage:academy", resource: academy, label: "académie", allowed: ["saio"] },
  { action: "manage:platform", resource: platform, label: "platform", allowed: ["admin"] },
  { action: "run:sync", resource: platform, label: "platform", allowed: ["admin"] },
  // R-FIN-13: the «simulation d'accès» is the heads' (the official guide), not the homeroom teachers'.
  { action: "simulate:family-page", resource: minor, label: "minor student", allowed: ["head"] },
  { action: "simulate:family-page", resource: adult, label: "adult student", allowed: ["head"] },
  { action: "decide:orientation", resource: minor, label: "minor student", allowed: ["head"] },
  // R-FIN-8: the decisions of a division's families who agreed; R-FIN-9/11: the school's interviews and appeal deadlines.
  { action: "decide:orientation", resource: division, label: "division", allowed: ["head"] },
  { action: "decide:orientation", resource: school, label: "school", allowed: ["head"] },
  // The password change: one's own account only, whatever the role.
  { action: "manage:own-account", resource: guardianAccount, label: "guardian's account", allowed: ["guardian"] },
  { action: "manage:own-account", resource: adminAccount, label: "administrator's account", allowed: ["admin"] },
  // R-DATA-1: the Siècle import is the head's own school's, never a homeroom teacher's (even delegated).
  { action: "import:school-data", resource: school, label: "school", allowed: ["head"] },
  // R-OVS-4: the school's on-demand transfer is the head's own school's, never a homeroom teacher's (even delegated).
  { action: "run:school-transfer", resource: school, label: "school", allowed: ["head"] },
  { action: "run:school-transfer", resource: platform, label: "platform", allowed: [] },
];

describe("policy: the full rights matrix (R-AUTH-1)", () => {
  it("R-AUTH-1: every action of the matrix is covered by the table of this test and documented", () => {
    const tested = new Set(expected.map((e) => e.action));
    expect([...tested].sort()).toEqual(Object.keys(RIGHTS_MATRIX).sort());
  });

  for (const row of expected) {
    for (const who of Object.keys(actors) as Who[]) {
      const allowed = row.allowed.includes(who);
      it(`R-AUTH-1: ${who} ${allowed ? "may" : "may not"} ${row.action} on a ${row.label}`, () => {
        expect(can(actors[who], row.action, row.resource)).toBe(allowed);
      });
    }
  }

  it("R-AUTH-1: an action on the wrong kind of resource is always refused", () => {
    const kinds = [minor, division, school, academy, platform, adminAccount];
    for (const row of expected) {
      const own = new Set(expected.filter((e) => e.action === row.action).map((e) => e.resource.type));
      for (const r of kinds.filter((k) => !own.has(k.type))) {
        for (const who of Object.keys(actors) as Who[]) expect(can(actors[who], row.action, r)).toBe(false);
      }
    }
  });

  it("R-AUTH-1: authorize answers a refusal with a not-found error, never a forbidden", () => {
    expect(() => authorize(actors.otherGuardian, "read:student-file", minor)).toThrow(NotFoundError);
    expect(() => authorize(actors.guardian, "read:student-file", minor)).not.toThrow();
  });

  it("R-FIN-13: only the head of the student's own school may open the simulation d'accès; no one it is granted to may enter for the family", () => {
    expect(can(actors.head, "simulate:family-page", minor)).toBe(true);
    expect(can(actors.otherHead, "simulate:family-page", minor)).toBe(false);
    for (const who of ["homeroom", "homeroomDelegated", "guardian", "student", "saio", "admin"] as const) {
      expect(can(actors[who], "simulate:family-page", minor)).toBe(false);
    }
    // What a page opened in simulation would post is refused: the head is not a guardian.
    expect(can(actors.head, "enter:family-request", minor)).toBe(false);
    expect(can(actors.head, "enter:family-request", adult)).toBe(false);
  });

  it("R-SCH-14: a homeroom teacher reaches another division only with the head's delegation", () => {
    const other: Resource = { ...division, divisionId: OTHER_DIV } as Resource;
    expect(can(actors.homeroom, "manage:division", other)).toBe(false);
    expect(can(actors.homeroomDelegated, "manage:division", other)).toBe(true);
    expect(can(actors.homeroomOtherSchoolDelegated, "manage:division", other)).toBe(false);
  });

  it("R-SCH-14: visibleDivisions: the head and a delegated homeroom teacher see all divisions; a homeroom teacher their own", () => {
    expect(visibleDivisions(actors.head)).toBe("all");
    expect(visibleDivisions(actors.homeroomDelegated)).toBe("all");
    expect(visibleDivisions(actors.homeroom)).toEqual([DIV]);
    expect(visibleDivisions(actors.homeroomOtherDiv)).toEqual([OTHER_DIV]);
    expect(visibleDivisions(testActor("homeroom", { schoolId: SCHOOL }))).toEqual([]);
  });

  it("R-SCH-14: visibleDivisions: families, académie and platform staff see no division of a school", () => {
    for (const who of ["guardian", "student", "saio", "admin"] as const) expect(visibleDivisions(actors[who])).toEqual([]);
  });

  it("R-SCH-14: visibleDivisions and can agree on every division", () => {
    for (const who of ["head", "homeroom", "homeroomOtherDiv", "homeroomDelegated"] as const) {
      const visible = visibleDivisions(actors[who]);
      for (const divisionId of [DIV, OTHER_DIV]) {
        const d: Resource = { type: "division", divisionId, schoolId: SCHOOL, academyId: ACADEMY, closed: false };
        expect(can(actors[who], "read:division", d)).toBe(visible === "all" || visible.includes(divisionId));
      }
    }
  });

  it("R-AUTH-4: the guardians of an adult student read their file but no longer enter for them", () => {
    expect(can(actors.guardian, "read:student-file", adult)).toBe(true);
    expect(can(actors.guardian, "enter:family-request", adult)).toBe(false);
    expect(can(actors.student, "enter:family-request", adult)).toBe(true);
    expect(can(actors.student, "enter:family-request", minor)).toBe(false);
  });

  it.each(["left", "closed-year"] as const)("R-DATA-1, R-DATA-3: a closed file (%s) is read by the same people and written by nobody", (closed) => {
    const file = { ...minor, closed } as Resource;
    const adultFile = { ...adult, closed } as Resource;
    const readers: Who[] = ["guardian", "student", "head", "homeroom"];
    for (const who of readers) expect(can(actors[who], "read:student-file", file), who).toBe(can(actors[who], "read:student-file", minor));
    expect(can(actors.head, "simulate:family-page", file)).toBe(true);
    for (const who of Object.keys(actors) as Who[]) {
      expect(can(actors[who], "enter:family-request", file), who).toBe(false);
      expect(can(actors[who], "enter:family-request", adultFile), who).toBe(false);
      expect(can(actors[who], "manage:student-file", file), who).toBe(false);
      expect(can(actors[who], "decide:orientation", file), who).toBe(false);
    }
  });

  it("R-DATA-3: a division of a past school year is read by its staff and managed by nobody", () => {
    const past = { ...division, closed: true } as Resource;
    expect(can(actors.head, "read:division", past)).toBe(true);
    expect(can(actors.homeroom, "read:division", past)).toBe(true);
    for (const who of Object.keys(actors) as Who[]) {
      expect(can(actors[who], "manage:division", past), who).toBe(false);
      expect(can(actors[who], "decide:orientation", past), who).toBe(false);
    }
  });
});
