import type { Actor, Role } from "@/lib/auth/policy";

/** An actor for the unit tests of the doors and the policy: no scope unless `over` gives one. */
export function testActor(role: Role, over: Partial<Actor> = {}): Actor {
  return {
    accountId: `acc-${role}`,
    role,
    displayName: role,
    guardianId: null,
    studentId: null,
    schoolId: null,
    academyId: null,
    delegatedByHead: false,
    homeroomDivisionIds: [],
    ...over,
  };
}
