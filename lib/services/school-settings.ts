import { NotFoundError, type Actor, type SchoolScope } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import { findAcademyCampaignWindows } from "@/lib/db/repositories/academy-calendar";
import {
  deleteSignature,
  findHomeroomAccount,
  findSchoolLevels,
  findSignature,
  replaceOfferedSpecialties,
  updateDelegation,
  updateTermMode,
  upsertServiceClosure,
  upsertSignature,
} from "@/lib/db/repositories/school-settings";
import { schoolYearOf, type TermMode } from "@/lib/domain/calendar";
import { assertSchoolMayReopen } from "@/lib/domain/campaign-calendar";
import { assertReopeningConfirmed } from "@/lib/domain/council";
import { findLastProposalChange } from "@/lib/db/repositories/council-proposals";
import { lastSchoolTransferCutOff } from "@/lib/db/transfer/runs";
import { DomainError } from "@/lib/domain/errors";
import { normaliseSignatoryName, SIGNATORY_REQUIRED_MESSAGE } from "@/lib/domain/school-settings";
import { PHASE_LABELS, SPECIALTIES, type Level, type Phase } from "@/lib/domain/tracks";
import { checkSignatureImage } from "@/lib/pdf/signature-image";

/*
 * "Vie de l'établissement": the head's settings of their school. The caller has authorized
 * "manage:school" on the school and passes its loaded scope (R-AUTH-1); every write is audited
 * (R-AUTH-3).
 */

/**
 * R-CAL-3: the head closes the family service of a level and phase for their school, or reopens
 * it while the académie's window has not closed. The académie's dates still rule (R-CAL-1).
 * R-FIN-4: reopening the final phase's service less than 24 h after the council's answers were
 * entered or changed needs the head's confirmation.
 */
export async function setFamilyServiceClosed(
  db: Db,
  actor: Actor,
  school: SchoolScope,
  input: { level: Level; phase: Phase; closed: boolean; confirmed?: boolean },
  now: Date,
): Promise<void> {
  const levels = await findSchoolLevels(db, school.schoolId);
  if (!levels.includes(input.level)) throw new NotFoundError();
  if (!input.closed) {
    const windows = await findAcademyCampaignWindows(db, school.academyId, schoolYearOf(now));
    assertSchoolMayReopen(
      windows.find((w) => w.level === input.level && w.phase === input.phase),
      now,
    );
    if (input.phase === "final") {
      // R-OVS-4: a school transfer that carried the last change lifts the 24 h wait.
      const [lastChange, transferredUpTo] = await Promise.all([
        findLastProposalChange(db, school.schoolId, input.level),
        lastSchoolTransferCutOff(db, school.schoolId),
      ]);
      assertReopeningConfirmed(lastChange, now, input.confirmed ?? false, transferredUpTo);
    }
  }
  await db.transaction(async (tx) => {
    await upsertServiceClosure(tx, {
      schoolId: school.schoolId,
      level: input.level,
      phase: input.phase,
      closed: input.closed,
      updatedAt: now,
      updatedByName: actor.displayName,
    });
    await recordAudit(
      tx,
      actor,
      input.closed ? "family_service.close" : "family_service.open",
      { type: "school", id: school.schoolId },
      {
        level: input.level,
        phase: input.phase,
        phaseLabel: PHASE_LABELS[input.phase],
      },
      now,
    );
  });
}

/** R-CAL-4: trimesters or semesters, for the term labels of the calendar and the fiche. */
export async function setTermMode(db: Db, actor: Actor, school: SchoolScope, input: { termMode: TermMode }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await updateTermMode(tx, school.schoolId, input.termMode);
    await recordAudit(tx, actor, "school.term_mode", { type: "school", id: school.schoolId }, { termMode: input.termMode }, now);
  });
}

/** R-2GT-4: the spécialités the lycée offers. */
export async function setOfferedSpecialties(db: Db, actor: Actor, school: SchoolScope, input: { specialties: string[] }, now: Date): Promise<void> {
  const levels = await findSchoolLevels(db, school.schoolId);
  if (!levels.includes("2GT")) {
    throw new DomainError("NOT_A_LYCEE", "Seul un lycée accueillant des élèves de 2de générale et technologique propose des enseignements de spécialité.");
  }
  const unknown = input.specialties.filter((s) => !Object.hasOwn(SPECIALTIES, s));
  if (unknown.length > 0) throw new DomainError("UNKNOWN_SPECIALTY", "Un enseignement de spécialité choisi n'existe pas.");
  const specialties = [...new Set(input.specialties)];
  await db.transaction(async (tx) => {
    await replaceOfferedSpecialties(tx, school.schoolId, specialties);
    await recordAudit(tx, actor, "school.specialties", { type: "school", id: school.schoolId }, { specialties }, now);
  });
}

/** R-SCH-14: the head gives (or takes back) a homeroom teacher of their school the head's rights. */
export async function setHomeroomDelegation(
  db: Db,
  actor: Actor,
  school: SchoolScope,
  input: { accountId: string; delegated: boolean },
  now: Date,
): Promise<void> {
  const teacher = await findHomeroomAccount(db, input.accountId);
  // Another school's teacher, or not a homeroom teacher: not found (R-AUTH-1).
  if (!teacher || teacher.schoolId !== school.schoolId) throw new NotFoundError();
  await db.transaction(async (tx) => {
    await updateDelegation(tx, input.accountId, input.delegated);
    await recordAudit(
      tx,
      actor,
      input.delegated ? "delegation.grant" : "delegation.revoke",
      { type: "account", id: input.accountId },
      {
        schoolId: school.schoolId,
        teacher: teacher.displayName,
      },
      now,
    );
  });
}

/** R-SCH-13: stores the head's scanned signature (PNG or JPEG), printed on every fiche de dialogue. */
export async function saveSignature(db: Db, actor: Actor, school: SchoolScope, input: { image: Uint8Array; signatoryName: string }, now: Date): Promise<void> {
  const checked = normaliseSignatoryName(input.signatoryName);
  if (!checked.ok) {
    const code = checked.message === SIGNATORY_REQUIRED_MESSAGE ? "SIGNATORY_REQUIRED" : "SIGNATORY_TOO_LONG";
    throw new DomainError(code, checked.message, { signatoryName: [checked.message] });
  }
  const signatoryName = checked.name;
  const mimeType = await checkSignatureImage(input.image);
  await db.transaction(async (tx) => {
    await upsertSignature(tx, { schoolId: school.schoolId, mimeType, image: Buffer.from(input.image), signatoryName, uploadedAt: now });
    await recordAudit(tx, actor, "signature.upload", { type: "school", id: school.schoolId }, { mimeType, bytes: input.image.length, signatoryName }, now);
  });
}

export async function removeSignature(db: Db, actor: Actor, school: SchoolScope, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSignature(tx, school.schoolId);
    await recordAudit(tx, actor, "signature.delete", { type: "school", id: school.schoolId }, undefined, now);
  });
}

/** R-SCH-13: the stored signature image of the school, for the head's preview, or null. */
export async function findSignatureImage(q: Queryable, school: SchoolScope): Promise<{ mimeType: string; image: Uint8Array } | null> {
  const sig = await findSignature(q, school.schoolId);
  return sig ? { mimeType: sig.mimeType, image: sig.image } : null;
}
