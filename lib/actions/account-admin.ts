"use server";

import { defineAction } from "@/lib/actions/define-action";
import {
  academyCreateSchema,
  accountDisableSchema,
  guardianEmailSchema,
  homeroomAssignSchema,
  platformStaffSchema,
  schoolCreateSchema,
  staffAccountSchema,
} from "@/lib/domain/account-admin";
import {
  assignHomeroomDivision,
  correctGuardianEmail,
  createAcademy,
  createHomeroom,
  createPlatformStaff,
  createSchool,
  disableHomeroom,
} from "@/lib/services/account-admin";

/*
 * R-DATA-2: account management. The administrator's writes are "manage:platform"; the head's
 * (homeroom teachers, guardians' e-mails) are "manage:school" on their own school: never a
 * homeroom teacher, even with the delegation (R-SCH-14).
 */
const onPlatform = { permission: "manage:platform", resource: { type: "platform" } } as const;
const onOwnSchool = { permission: "manage:school", resource: { type: "school" } } as const;
const INVALID = "Rien n'a été enregistré : corrigez les champs signalés.";

export const createAcademyAction = defineAction({
  name: "admin.academy.create",
  ...onPlatform,
  schema: academyCreateSchema,
  invalidInputMessage: INVALID,
  handler: async ({ db, actor, input, now }) => createAcademy(db, actor, input, now),
});

export const createSchoolAction = defineAction({
  name: "admin.school.create",
  ...onPlatform,
  schema: schoolCreateSchema,
  invalidInputMessage: INVALID,
  handler: async ({ db, actor, input, now }) => createSchool(db, actor, input, now),
});

export const createPlatformStaffAction = defineAction({
  name: "admin.staff.create",
  ...onPlatform,
  schema: platformStaffSchema,
  invalidInputMessage: INVALID,
  handler: async ({ db, actor, input, now }) => createPlatformStaff(db, actor, input, now),
});

export const createHomeroomAction = defineAction({
  name: "school.homeroom.create",
  ...onOwnSchool,
  schema: staffAccountSchema,
  invalidInputMessage: INVALID,
  handler: async ({ db, actor, scope, input, now }) => createHomeroom(db, actor, scope.schoolId, input, now),
});

export const assignHomeroomDivisionAction = defineAction({
  name: "school.homeroom.assign",
  ...onOwnSchool,
  schema: homeroomAssignSchema,
  handler: async ({ db, actor, scope, input, now }) => assignHomeroomDivision(db, actor, scope.schoolId, input, now),
});

export const disableHomeroomAction = defineAction({
  name: "school.homeroom.disable",
  ...onOwnSchool,
  schema: accountDisableSchema,
  handler: async ({ db, actor, scope, input, now }) => {
    await disableHomeroom(db, actor, scope.schoolId, input, now);
    return { disabled: true };
  },
});

export const correctGuardianEmailAction = defineAction({
  name: "school.guardian.email",
  ...onOwnSchool,
  schema: guardianEmailSchema,
  invalidInputMessage: "L'adresse n'a pas été enregistrée : corrigez le champ signalé.",
  handler: async ({ db, actor, scope, input, now }) => correctGuardianEmail(db, actor, scope.schoolId, input, now),
});
