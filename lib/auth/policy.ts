/**
 * The one authorization module (R-AUTH-1, docs/decisions/004-authorization-as-404.md). Pure: the caller loads the actor and the
 * resource's scope, this decides. Every page and server action calls `can` (or `authorize`,
 * which turns a refusal into a 404). The table below is the rights matrix of the README.
 */
import type { FileClosure } from "@/lib/domain/school-year";

export type Role = "guardian" | "student" | "head" | "homeroom" | "saio" | "admin";

export type Actor = {
  accountId: string;
  role: Role;
  displayName: string;
  guardianId: string | null;
  studentId: string | null;
  schoolId: string | null;
  academyId: string | null;
  /** R-SCH-14: homeroom teacher with the head's delegation. */
  delegatedByHead: boolean;
  /** Divisions of which a homeroom teacher is professeur principal. */
  homeroomDivisionIds: readonly string[];
  /** Signed in with a one-time password: every page sends it to the password change first (docs/production.md). */
  mustChangePassword?: boolean;
  /** R-OVS-5: the language of the family pages' guidance texts the account chose ("fr" by default). */
  locale?: "fr" | "en" | "ar";
};

/** A student's file, with what scope checks need. */
export type StudentScope = {
  type: "student";
  studentId: string;
  divisionId: string;
  schoolId: string;
  academyId: string;
  guardianIds: readonly string[];
  /** R-AUTH-4: an adult student acts for themself; their guardians only read. */
  studentIsAdult: boolean;
  /** R-DATA-1/3: a closed file (the student left, or a past school year) is read by the same people and written by nobody. */
  closed: FileClosure | null;
};
/** `closed`: R-DATA-3, a division of a past school year (read, never written). */
export type DivisionScope = { type: "division"; divisionId: string; schoolId: string; academyId: string; closed: boolean };
export type SchoolScope = { type: "school"; schoolId: string; academyId: string };
export type AcademyScope = { type: "academy"; academyId: string };
export type PlatformScope = { type: "platform" };
/** The signed-in account itself (its password). */
export type AccountScope = { type: "account"; accountId: string };
export type Resource = StudentScope | DivisionScope | SchoolScope | AcademyScope | PlatformScope | AccountScope;

export type Action =
  | "read:student-file" // see a student's orientation file
  | "enter:family-request" // enter / validate intentions or final choices; acknowledge; answer; agree
  | "manage:student-file" // school side: enter for a student, avis, proposals, hors procédure
  | "read:division"
  | "manage:division" // class council: open, date, reset
  | "read:school" // back-office home, student list, exports
  | "manage:school" // Vie de l'établissement, signature, specialties, delegation; R-DATA-2: homeroom teachers' accounts, guardians' e-mails; R-OVS-2: the school's reminders, who was reminded
  | "read:academy" // académie statistics
  | "manage:academy" // calendar and parameters; R-OVS-2: the académie's reminders
  | "manage:platform" // académies, schools, accounts
  | "run:sync" // start the nightly transfer by hand, read its runs
  | "run:school-transfer" // R-OVS-4: send the school's data to its families now (the night's transfer, for the school alone)
  | "simulate:family-page" // R-FIN-13: see a student's family page as a guardian sees it, read-only
  | "decide:orientation" // R-FIN-8/9/11/12: take the decision, record the interview, the appeal, the commission's decision, the maintien
  | "manage:own-account" // change one's own password (docs/production.md)
  | "import:school-data"; // R-DATA-1: import the school's Siècle exports (preview, apply)

/** Who may do what, in words; `can` implements exactly this table. */
export const RIGHTS_MATRIX: Record<Action, string> = {
  "read:student-file": "guardian of the student; the student; head of the school; homeroom teacher of the division (any division with delegation)",
  "enter:family-request": "guardian of a minor student; the adult student themself; never on a closed file (the student left, or a past school year)",
  "manage:student-file": "head of the school; homeroom teacher of the division (any division with delegation); never on a closed file",
  "read:division": "head of the school; homeroom teacher of the division (any division with delegation)",
  "manage:division": "head of the school; homeroom teacher of the division (any division with delegation); never a division of a past school year",
  "read:school": "head of the school; homeroom teacher of the school (their divisions only, through the other actions)",
  "manage:school": "head of the school (R-OVS-2: its reminders and who they reached, not the homeroom teachers)",
  "read:academy": "saio of the académie; admin",
  "manage:academy": "saio of the académie (R-OVS-2: its reminders)",
  "manage:platform": "admin",
  "run:sync": "admin",
  "run:school-transfer":
    "head of the school (R-OVS-4: the night's transfer for the school's students of its open school year, never a past year's; not the homeroom teachers, delegated or not)",
  "simulate:family-page": "head of the student's school (the «simulation d'accès» of the heads; not the homeroom teachers, delegated or not)",
  "decide:orientation":
    "head of the student's school (the decision is the head's; not the homeroom teachers, delegated or not); also on the school's divisions and the school itself; never on a closed file or a past year's division",
  "manage:own-account": "every signed-in account, on itself only",
  "import:school-data": "head of the school (R-DATA-1: the Siècle import; not the homeroom teachers, delegated or not)",
};

/**
 * R-SCH-14: the divisions of their school a staff member sees and works on. "all" for the head
 * and for a homeroom teacher with the head's delegation; their own divisions for a homeroom
 * teacher without it; none for anyone else. Lists, counts and exports ask this; single files ask
 * `can`, which applies the same rule.
 */
export function visibleDivisions(actor: Actor): "all" | readonly string[] {
  if (actor.role === "head") return "all";
  if (actor.role === "homeroom") return actor.delegatedByHead ? "all" : actor.homeroomDivisionIds;
  return [];
}

function staffOnDivision(actor: Actor, schoolId: string, divisionId: string): boolean {
  if (actor.schoolId !== schoolId) return false;
  const visible = visibleDivisions(actor);
  return visible === "all" || visible.includes(divisionId);
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  switch (action) {
    case "read:student-file":
      if (resource.type !== "student") return false;
      if (actor.role === "guardian") return actor.guardianId !== null && resource.guardianIds.includes(actor.guardianId);
      if (actor.role === "student") return actor.studentId === resource.studentId;
      return staffOnDivision(actor, resource.schoolId, resource.divisionId);
    case "enter:family-request":
      if (resource.type !== "student" || resource.closed) return false;
      if (actor.role === "guardian") {
        return !resource.studentIsAdult && actor.guardianId !== null && resource.guardianIds.includes(actor.guardianId);
      }
      if (actor.role === "student") return resource.studentIsAdult && actor.studentId === resource.studentId;
      return false;
    case "manage:student-file":
      return resource.type === "student" && !resource.closed && staffOnDivision(actor, resource.schoolId, resource.divisionId);
    case "read:division":
      return resource.type === "division" && staffOnDivision(actor, resource.schoolId, resource.divisionId);
    case "manage:division":
      return resource.type === "division" && !resource.closed && staffOnDivision(actor, resource.schoolId, resource.divisionId);
    case "read:school":
      return resource.type === "school" && (actor.role === "head" || actor.role === "homeroom") && actor.schoolId === resource.schoolId;
    case "manage:school":
      return resource.type === "school" && actor.role === "head" && actor.schoolId === resource.schoolId;
    case "read:academy":
      if (resource.type !== "academy") return false;
      return actor.role === "admin" || (actor.role === "saio" && actor.academyId === resource.academyId);
    case "manage:academy":
      return resource.type === "academy" && actor.role === "saio" && actor.academyId === resource.academyId;
    case "simulate:family-page":
      return resource.type === "student" && actor.role === "head" && actor.schoolId === resource.schoolId;
    case "decide:orientation":
      // One student's entries; a division's decisions by agreement; the school's list of interviews and deadlines.
      return (
        (resource.type === "school" || ((resource.type === "student" || resource.type === "division") && !resource.closed)) &&
        actor.role === "head" &&
        actor.schoolId === resource.schoolId
      );
    case "manage:platform":
    case "run:sync":
      return resource.type === "platform" && actor.role === "admin";
    case "manage:own-account":
      return resource.type === "account" && resource.accountId === actor.accountId;
    case "import:school-data":
    case "run:school-transfer":
      return resource.type === "school" && actor.role === "head" && actor.schoolId === resource.schoolId;
  }
}

/** Thrown when an actor may not touch a resource: answered as a 404, never as a 403 (R-AUTH-1). */
export class NotFoundError extends Error {
  constructor() {
    super("Page introuvable");
    this.name = "NotFoundError";
  }
}

export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) throw new NotFoundError();
}
