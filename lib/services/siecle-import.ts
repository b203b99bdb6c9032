import { createHash, randomUUID } from "node:crypto";
import { NotFoundError, type Actor, type SchoolScope } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit";
import type { Db, Queryable } from "@/lib/db/client";
import {
  deleteLinks,
  findImport,
  findImportSchool,
  insertDivisions,
  insertGuardians,
  insertGuardianSiecleIds,
  insertImport,
  insertLinks,
  insertStudents,
  listImports,
  lockSchoolForImport,
  markImportAbandoned,
  markImportApplied,
  readImportSnapshot,
  updateGuardians,
  updateStudents,
  type ImportFile,
  type ImportSchool,
} from "@/lib/db/repositories/siecle-import";
import { DomainError } from "@/lib/domain/errors";
import { parisDayKey } from "@/lib/domain/paris-time";
import { planImport, type ImportCounts, type ImportPlan } from "@/lib/domain/siecle/plan";
import { parseSiecleUploads, type SiecleUpload } from "@/lib/domain/siecle/parse";
import type { SiecleExport, SiecleFileError } from "@/lib/domain/siecle/types";

/*
 * R-DATA-1: the head imports their school's Siècle exports: a preview (stored with the parsed
 * files and the fingerprint of the school's data it was computed on), then its confirmation,
 * applied in one transaction under the school's lock, only if the school's data did not change
 * since. The caller has authorized "import:school-data" on the school (R-AUTH-1); every write is
 * audited (R-AUTH-3). Only the school's open year is read and written (R-DATA-3).
 */

export const IMPORT_STALE_MESSAGE =
  "Les données de l'établissement ont changé depuis l'aperçu (une autre saisie ou un autre import) : l'import n'a pas été appliqué. Déposez à nouveau les fichiers pour obtenir un nouvel aperçu.";
export const IMPORT_ALREADY_APPLIED_MESSAGE = "Cet import a déjà été appliqué : il n'a pas été appliqué une seconde fois.";
export const IMPORT_NOT_PREVIEWED_MESSAGE = "Cet import a été abandonné : déposez à nouveau les fichiers pour obtenir un nouvel aperçu.";
export const IMPORT_HAS_ERRORS_MESSAGE =
  "Les fichiers comportent des erreurs : aucune donnée n'a été importée. Corrigez-les dans Siècle, exportez à nouveau et recommencez.";
export const IMPORT_OTHER_YEAR_MESSAGE = "L'établissement a changé d'année scolaire depuis l'aperçu : déposez à nouveau les fichiers de la nouvelle année.";

export type PreviewResult = { ok: true; importId: string; plan: ImportPlan } | { ok: false; errors: SiecleFileError[] };

/** The e-mails of the file's guardians (lower-case): the académie's guardians with one of them are read as candidates. */
function fileEmails(exports: readonly SiecleExport[]): string[] {
  const set = new Set<string>();
  for (const e of exports) if (e.kind === "responsables") for (const g of e.guardians) if (g.email) set.add(g.email.toLowerCase());
  return [...set].sort();
}

async function snapshotOf(q: Queryable, school: ImportSchool, exports: readonly SiecleExport[]) {
  const snapshot = await readImportSnapshot(q, school, fileEmails(exports));
  return { snapshot, hash: createHash("sha256").update(JSON.stringify(snapshot)).digest("hex") };
}

async function schoolOf(q: Queryable, scope: SchoolScope): Promise<ImportSchool> {
  const school = await findImportSchool(q, scope.schoolId);
  if (!school) throw new NotFoundError();
  return school;
}

/**
 * R-DATA-1: the preview of parsed exports. Exports of another school or year, or with errors
 * (a link to an unknown student…), are refused with their French messages and nothing is stored.
 */
export async function previewParsedImport(
  db: Db,
  actor: Actor,
  scope: SchoolScope,
  input: { exports: SiecleExport[]; files: ImportFile[] },
  now: Date,
): Promise<PreviewResult> {
  const school = await schoolOf(db, scope);
  const { snapshot, hash } = await snapshotOf(db, school, input.exports);
  const plan = planImport(snapshot, input.exports, parisDayKey(now));
  if (plan.errors.length > 0) return { ok: false, errors: plan.errors };
  const importId = await db.transaction(async (tx) => {
    const id = await insertImport(tx, {
      schoolId: school.id,
      schoolYear: school.schoolYear,
      files: input.files,
      payload: input.exports,
      counts: plan.counts,
      basisHash: hash,
      accountId: actor.accountId,
      actorName: actor.displayName,
      createdAt: now,
    });
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      "siecle_import.preview",
      { type: "siecle_import", id },
      {
        schoolId: school.id,
        files: input.files.map((f) => f.name),
        counts: plan.counts,
      },
      now,
    );
    return id;
  });
  return { ok: true, importId, plan };
}

export type StoredPreview = {
  id: string;
  state: string;
  files: ImportFile[];
  counts: Record<string, number>;
  createdAt: Date;
  actorName: string;
  /** The plan on today's data (null once applied or abandoned). */
  plan: ImportPlan | null;
  /** The school's data changed since the preview: its confirmation would be refused. */
  stale: boolean;
};

/** R-DATA-1: a stored import, its plan recomputed on the school's data now (for the preview page). */
export async function readStoredPreview(db: Db, scope: SchoolScope, importId: string, now: Date): Promise<StoredPreview | null> {
  const imp = await findImport(db, scope.schoolId, importId);
  if (!imp) return null;
  const base = { id: imp.id, state: imp.state, files: imp.files, counts: imp.counts, createdAt: imp.createdAt, actorName: imp.actorName };
  if (imp.state !== "previewed" || !imp.payload) return { ...base, plan: null, stale: false };
  const school = await schoolOf(db, scope);
  const exports = imp.payload as SiecleExport[];
  const { snapshot, hash } = await snapshotOf(db, school, exports);
  return { ...base, plan: planImport(snapshot, exports, parisDayKey(now)), stale: hash !== imp.basisHash || school.schoolYear !== imp.schoolYear };
}

export type ApplyResult = { alreadyApplied: boolean; counts: Record<string, number> };

/**
 * R-DATA-1: applies a previewed import, once. One transaction under the school's lock: a second
 * confirmation (double submit, two tabs) waits, then finds it applied and changes nothing. The
 * school's data is read again and must be what the preview was computed on; else nothing is
 * written. Set-based: one statement per kind of row.
 */
export async function applyImport(db: Db, actor: Actor, scope: SchoolScope, importId: string, now: Date): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    await lockSchoolForImport(tx, scope.schoolId);
    const imp = await findImport(tx, scope.schoolId, importId, { forUpdate: true });
    if (!imp) throw new NotFoundError();
    if (imp.state === "applied") return { alreadyApplied: true, counts: imp.counts };
    if (imp.state !== "previewed" || !imp.payload) throw new DomainError("IMPORT_ABANDONED", IMPORT_NOT_PREVIEWED_MESSAGE);
    const school = await schoolOf(tx, scope);
    if (school.schoolYear !== imp.schoolYear) throw new DomainError("IMPORT_OTHER_YEAR", IMPORT_OTHER_YEAR_MESSAGE);
    const exports = imp.payload as SiecleExport[];
    const { snapshot, hash } = await snapshotOf(tx, school, exports);
    if (hash !== imp.basisHash) throw new DomainError("IMPORT_STALE", IMPORT_STALE_MESSAGE);
    const plan = planImport(snapshot, exports, parisDayKey(now));
    if (plan.errors.length > 0) throw new DomainError("IMPORT_ERRORS", IMPORT_HAS_ERRORS_MESSAGE);
    await writePlan(tx, school, plan);
    const counts: ImportCounts = plan.counts;
    await markImportApplied(tx, imp.id, counts, now);
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      "siecle_import.apply",
      { type: "siecle_import", id: imp.id },
      {
        schoolId: school.id,
        files: imp.files.map((f) => f.name),
        counts,
      },
      now,
    );
    return { alreadyApplied: false, counts };
  });
}

async function writePlan(tx: Queryable, school: ImportSchool, plan: ImportPlan): Promise<void> {
  await insertDivisions(tx, school.id, plan.divisionsToAdd);
  const newStudentIds = new Map(plan.studentsToAdd.map((s) => [s.siecleId, randomUUID()]));
  const added = await insertStudents(
    tx,
    school.id,
    school.schoolYear,
    plan.studentsToAdd.map(({ line: _line, ...s }) => ({ ...s, id: newStudentIds.get(s.siecleId)! })),
  );
  const updated = await updateStudents(tx, school.id, school.schoolYear, plan.studentsToUpdate);
  // Every planned row is written, or nothing (a division that vanished under us would otherwise drop students silently).
  if (added !== plan.studentsToAdd.length || updated !== plan.studentsToUpdate.length) throw new DomainError("IMPORT_STALE", IMPORT_STALE_MESSAGE);

  const newGuardianIds = new Map(plan.guardiansToAdd.map((g) => [g.siecleId, randomUUID()]));
  await insertGuardians(
    tx,
    plan.guardiansToAdd.map((g) => ({
      id: newGuardianIds.get(g.siecleId)!,
      civility: g.civility,
      lastName: g.lastName,
      firstName: g.firstName,
      email: g.email,
    })),
  );
  await updateGuardians(tx, plan.guardiansToUpdate);
  await insertGuardianSiecleIds(tx, school.id, [
    ...plan.guardiansToAdd.map((g) => ({ guardianId: newGuardianIds.get(g.siecleId)!, siecleId: g.siecleId })),
    ...plan.guardianIdsToRecord,
  ]);

  // Re-ranked links are deleted and inserted again: a swap of ranks 1 and 2 never meets the (student, rank) key halfway.
  await deleteLinks(tx, [...plan.linksToRemove, ...plan.linksToRerank]);
  const studentId = (r: ImportPlan["linksToAdd"][number]["student"]) => ("existing" in r ? r.existing : newStudentIds.get(r.new)!);
  const guardianId = (r: ImportPlan["linksToAdd"][number]["guardian"]) => ("existing" in r ? r.existing : newGuardianIds.get(r.new)!);
  await insertLinks(tx, [
    ...plan.linksToRerank.map((l) => ({ studentId: l.studentId, guardianId: l.guardianId, rank: l.rank })),
    ...plan.linksToAdd.map((l) => ({ studentId: studentId(l.student), guardianId: guardianId(l.guardian), rank: l.rank })),
  ]);
}

/** R-DATA-1: the head abandons a preview: its parsed files are dropped, nothing is imported. */
export async function abandonImport(db: Db, actor: Actor, scope: SchoolScope, importId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const imp = await findImport(tx, scope.schoolId, importId, { forUpdate: true });
    if (!imp) throw new NotFoundError();
    if (imp.state === "applied") throw new DomainError("IMPORT_APPLIED", "Cet import a déjà été appliqué : il ne peut plus être abandonné.");
    if ((await markImportAbandoned(tx, imp.id)) === 0) return;
    await recordAudit(
      tx,
      { accountId: actor.accountId, displayName: actor.displayName },
      "siecle_import.abandon",
      { type: "siecle_import", id: imp.id },
      { schoolId: scope.schoolId },
      now,
    );
  });
}

/** R-DATA-1: the school's past imports, newest first. */
export async function listSchoolImports(db: Db, scope: SchoolScope) {
  return listImports(db, scope.schoolId);
}

/**
 * R-DATA-1: the head's uploaded files (.xml or .zip): read (lib/domain/siecle/parse.ts), then
 * previewed. A broken file, or another school's, is refused with its French messages, and
 * nothing is stored.
 */
export async function previewUploads(db: Db, actor: Actor, scope: SchoolScope, uploads: SiecleUpload[], now: Date): Promise<PreviewResult> {
  const parsed = parseSiecleUploads(uploads);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return previewParsedImport(db, actor, scope, { exports: parsed.exports, files: importFilesOf(uploads, parsed.exports) }, now);
}

/** What the import's history says of each file: its name, kind, size and SHA-256 as uploaded. */
export function importFilesOf(uploads: readonly SiecleUpload[], exports: readonly SiecleExport[]): ImportFile[] {
  const byName = new Map(uploads.map((u) => [u.name, u]));
  return exports.map((e) => {
    // An export read from a zip is named after its entry; the zip's own bytes are what was uploaded.
    const upload = byName.get(e.fileName);
    return {
      name: e.fileName,
      kind: e.kind,
      sha256: upload ? createHash("sha256").update(upload.bytes).digest("hex") : "",
      bytes: upload ? upload.bytes.byteLength : 0,
    };
  });
}
