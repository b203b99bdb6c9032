import { guardPage, authorizeInPage } from "@/lib/auth/guard";
import { now as clockNow } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { findAcademiesWithSaio, findSchoolHomerooms, findSchoolsWithHeads, findStudentGuardians, findToken } from "@/lib/db/repositories/account-admin";
import { academiesWithSaio, homeroomsView, schoolsWithHeads, TOKEN_MESSAGES, TOKEN_PATTERN, tokenState } from "@/lib/domain/account-admin";
import { SCHOOL_STAFF_ROLES } from "@/lib/domain/school-home";
import { hashToken } from "@/lib/services/account-admin";
import { notFound } from "next/navigation";

/* R-DATA-2: the account management screens. */

const asAdmin = { roles: ["admin"], permission: "manage:platform", resource: { type: "platform" } } as const;

/** /admin/academies: the académies with their saio accounts. */
export async function loadAdminAcademiesPage() {
  const { db } = await guardPage(asAdmin);
  return { academies: academiesWithSaio(await findAcademiesWithSaio(db)) };
}

/** /admin/etablissements: the schools with their heads, and the académies to create one in. */
export async function loadAdminSchoolsPage() {
  const { db } = await guardPage(asAdmin);
  const academies = academiesWithSaio(await findAcademiesWithSaio(db)).map((a) => ({ id: a.id, name: a.name }));
  return { academies, schools: schoolsWithHeads(await findSchoolsWithHeads(db)) };
}

/** /academie/comptes: the saio's schools with their heads' accounts (read:academy). */
export async function loadAcademyAccountsPage() {
  const { db, scope } = await guardPage({ roles: ["saio"], permission: "read:academy", resource: { type: "academy" } });
  return { schools: schoolsWithHeads(await findSchoolsWithHeads(db, scope.academyId)) };
}

/** /etablissement/professeurs-principaux: the head's homeroom teachers and their divisions (manage:school). */
export async function loadSchoolHomeroomsPage() {
  const { db, scope } = await guardPage({ roles: ["head"], permission: "manage:school", resource: { type: "school" } });
  return homeroomsView(await findSchoolHomerooms(db, scope.schoolId));
}

/** /etablissement/eleves/[id]/adresses: the student's guardians and their e-mails (read the file, manage the school). */
export async function loadGuardianEmailsPage(studentId: string) {
  const page = await guardPage({ roles: SCHOOL_STAFF_ROLES, permission: "read:student-file", resource: { type: "student", id: studentId } });
  await authorizeInPage(page, "manage:school", { type: "school", id: page.scope.schoolId });
  const rows = await findStudentGuardians(page.db, page.scope.schoolId, studentId);
  if (rows.length === 0) notFound();
  return {
    studentId,
    studentName: `${rows[0]!.studentFirstName} ${rows[0]!.studentLastName}`,
    guardians: rows.map((g) => ({
      id: g.id,
      label: `Représentant légal ${g.rank} : ${[g.civility, g.firstName, g.lastName].filter(Boolean).join(" ")}`,
      email: g.email ?? "",
    })),
  };
}

/** /compte/definir-mot-de-passe?jeton=…: signed-out; what the link is worth now (nothing changes by reading it). */
export async function loadSetPasswordPage(token: string | undefined) {
  if (!token || !TOKEN_PATTERN.test(token)) return { state: "unknown" as const, message: TOKEN_MESSAGES.unknown, name: null, login: null };
  const row = await findToken(await getDb(), hashToken(token));
  const state = tokenState(row && { ...row, disabled: row.disabled || row.demo }, clockNow());
  if (state !== "valid" || !row) return { state, message: TOKEN_MESSAGES[state === "valid" ? "unknown" : state], name: null, login: null };
  return { state, message: null, name: row.displayName, login: row.login };
}
