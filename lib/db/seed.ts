import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { schoolYearOf } from "@/lib/domain/calendar";
import { parisDateTime, parisDayKey } from "@/lib/domain/paris-time";
import type { Db } from "./client";
import { buildDemoData, DEMO_ACADEMY_ID, DEMO_PASSWORD, DEMO_TRACK_ALERT } from "./demo-accounts";
import { demoCalendar, playDemoHistory, type DemoHistoryCounts } from "./demo-progress";
import { demoPersonSiecleId } from "./demo-siecle-ids";
import { DEMO_EXPORT_FILES } from "./demo-siecle-exports";
import { findActor } from "./repositories/scopes";
import { parseSiecleUploads } from "@/lib/domain/siecle/parse";
import { shiftExportsToYear } from "@/lib/domain/siecle/shift-year";
import { applyImport, importFilesOf, previewParsedImport } from "@/lib/services/siecle-import";
import {
  academies,
  accounts,
  campaignWindows,
  classCouncils,
  divisions,
  guardianSiecleIds,
  homeroomDivisions,
  schools,
  schoolSpecialties,
  students,
  trackAlerts,
} from "./schema";
import { personName } from "@/lib/domain/person-name";

export type SeedCounts = {
  schools: number;
  divisions: number;
  students: number;
  guardians: number;
  accounts: number;
  classCouncils: number;
  campaignWindows: number;
  /** The 2GT history played through the services (lib/db/demo-progress.ts); null when skipped. */
  history: DemoHistoryCounts | null;
};

export type SeedResult = { created: false } | { created: true; counts: SeedCounts };

export type SeedOptions = {
  /**
   * Play the lycée's 2GT history (default true: `npm start`, `npm run db:seed`, the e2e). The db
   * tests that work on the collège only may skip it.
   */
  history?: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);
/** A council meets at the end of a school day, Paris time. */
const councilAt = (now: Date, days: number) => parisDateTime(parisDayKey(addDays(now, days)), "17:30");

/**
 * Inserts the demo académie de Grenoble: its two schools, then each school's head imports the
 * school's sample Siècle exports (demo-data/siecle/<UAI>/, R-DATA-1) through the import's own
 * preview and apply — so the import runs on every demo start — which creates the divisions,
 * students and guardians of buildDemoData(); then the families', students' and staff's accounts,
 * councils and campaign windows, and the lycée's 2GT history (lib/db/demo-progress.ts: 2A and 2B
 * families at every step, final phase open now; 2C untouched). The collège starts from scratch:
 * its provisional phase is open, nothing entered. Idempotent: if the académie exists it does
 * nothing. Everything goes in one transaction (the services' own transactions nest in it), so a
 * failure leaves no half demo.
 */
export async function seedDemo(db: Db, now: Date, options: SeedOptions = {}): Promise<SeedResult> {
  const existing = await db.select({ id: academies.id }).from(academies).where(eq(academies.id, DEMO_ACADEMY_ID)).limit(1);
  if (existing.length > 0) return { created: false };

  const data = buildDemoData();
  // scrypt costs ~50 ms: one hash, shared by every demo account (they all have the same password).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const schoolYear = schoolYearOf(now);

  return db.transaction(async (tx) => {
    // The insert is the real guard: a concurrent seed waits on the key, then inserts nothing.
    const inserted = await tx.insert(academies).values(data.academy).onConflictDoNothing().returning({ id: academies.id });
    if (inserted.length === 0) return { created: false } as const;

    const schoolIds = new Map(data.schools.map((s) => [s.key, randomUUID()]));
    await tx.insert(schools).values(
      data.schools.map((s) => ({
        id: schoolIds.get(s.key)!,
        uai: s.uai,
        academyId: data.academy.id,
        name: s.name,
        address: s.address,
        postalCode: s.postalCode,
        city: s.city,
        phone: s.phone,
        email: s.email,
        termMode: s.termMode,
        schoolYear,
      })),
    );
    const specialtyRows = data.schools.flatMap((s) => s.specialties.map((specialty) => ({ schoolId: schoolIds.get(s.key)!, specialty })));
    if (specialtyRows.length > 0) await tx.insert(schoolSpecialties).values(specialtyRows);

    // The heads first: R-DATA-1, each imports their school's sample Siècle exports (demo-data/siecle/),
    // through the same preview and apply as the import page, which creates the divisions, students and guardians.
    const headIds = new Map(data.schools.map((s) => [s.key, randomUUID()]));
    await tx.insert(accounts).values(
      data.schools.map((s) => ({
        id: headIds.get(s.key)!,
        role: "head" as const,
        ...staffColumns(s.head),
        passwordHash,
        schoolId: schoolIds.get(s.key)!,
        demo: true,
      })),
    );
    for (const school of data.schools) {
      await importDemoExports(
        tx,
        { schoolId: schoolIds.get(school.key)!, academyId: data.academy.id, uai: school.uai, headId: headIds.get(school.key)! },
        schoolYear,
        now,
      );
    }

    const imported = await tx
      .select({ id: divisions.id, code: divisions.code, level: divisions.level })
      .from(divisions)
      .where(and(inArray(divisions.schoolId, [...schoolIds.values()]), eq(divisions.schoolYear, schoolYear)));
    // In the demo's order (the councils' dates follow it); the collège's 4e was not imported (outside the procedure).
    const divisionRows = data.schools.flatMap((s) => s.divisions.map((d) => imported.find((r) => r.code === d.code)!));
    const studentRows = await tx
      .select({ id: students.id, ine: students.ine })
      .from(students)
      .where(and(inArray(students.schoolId, [...schoolIds.values()]), eq(students.schoolYear, schoolYear)));
    const studentByIne = new Map(studentRows.map((r) => [r.ine, r.id]));
    const studentIds = new Map(data.students.map((s) => [s.key, studentByIne.get(s.ine)!]));
    const personRows = await tx
      .select({ siecleId: guardianSiecleIds.siecleId, guardianId: guardianSiecleIds.guardianId })
      .from(guardianSiecleIds)
      .where(inArray(guardianSiecleIds.schoolId, [...schoolIds.values()]));
    const guardianBySiecleId = new Map(personRows.map((r) => [r.siecleId, r.guardianId]));
    const guardianIds = new Map(data.guardians.map((g) => [g.key, guardianBySiecleId.get(demoPersonSiecleId(g.key))!]));
    const missing = [...divisionRows, ...studentIds.values(), ...guardianIds.values()].filter((x) => x === undefined).length;
    if (missing > 0)
      throw new Error(
        `Les exports de démonstration (demo-data/siecle/) ne correspondent plus aux données de démonstration : ${missing} personnes manquent après l'import.`,
      );

    const homeroomAccountIds = new Map(divisionRows.map((d) => [d.code, randomUUID()]));
    const accountRows: (typeof accounts.$inferInsert)[] = [
      ...data.guardians.map((g) => ({
        role: "guardian" as const,
        displayName: personName(g),
        login: g.login,
        passwordHash,
        email: g.email,
        guardianId: guardianIds.get(g.key)!,
      })),
      ...data.students.map((s) => ({
        role: "student" as const,
        displayName: `${s.firstName} ${s.lastName}`,
        login: s.login,
        passwordHash,
        studentId: studentIds.get(s.key)!,
      })),
      ...data.schools.flatMap((s) => [
        ...s.divisions.map((d) => ({
          id: homeroomAccountIds.get(d.code)!,
          role: "homeroom" as const,
          ...staffColumns(d.homeroom),
          passwordHash,
          schoolId: schoolIds.get(s.key)!,
        })),
      ]),
      { role: "saio", ...staffColumns(data.saio), passwordHash, academyId: data.academy.id },
      { role: "admin", ...staffColumns(data.admin), passwordHash },
    ];
    // Marked as demo accounts: they sign in only in demo mode, and a server started outside it
    // refuses to boot while they exist (docs/production.md).
    await tx.insert(accounts).values(accountRows.map((a) => ({ ...a, demo: true })));
    await tx.insert(homeroomDivisions).values(divisionRows.map((d) => ({ accountId: homeroomAccountIds.get(d.code)!, divisionId: d.id })));

    // 3e: councils after the family windows close, a day apart per division. 2GT (lib/db/demo-progress.ts):
    // 2A and 2B held their provisional councils (the history opens them at these dates), 2B holds its
    // final one; 2A's final council and 2C's councils are still to come.
    const cal = demoCalendar(now);
    const councilRows = divisionRows.flatMap((d, i) => {
      const lycee = d.level === "2GT" ? cal.councils[d.code as keyof typeof cal.councils] : null;
      return [
        { divisionId: d.id, phase: "provisional" as const, state: "planned" as const, scheduledAt: lycee?.provisional ?? councilAt(now, 46 + i) },
        { divisionId: d.id, phase: "final" as const, state: "planned" as const, scheduledAt: lycee?.final ?? councilAt(now, 155 + i) },
      ];
    });
    await tx.insert(classCouncils).values(councilRows);

    // R-CAL-1: 3e: the provisional phase is open today, the final one opens later in the year.
    // 2GT: the provisional phase is over, the final one is open today (lib/db/demo-progress.ts).
    const windowRows = [
      { academyId: data.academy.id, schoolYear, level: "3e" as const, phase: "provisional" as const, opensAt: addDays(now, -14), closesAt: addDays(now, 45) },
      { academyId: data.academy.id, schoolYear, level: "3e" as const, phase: "final" as const, opensAt: addDays(now, 120), closesAt: addDays(now, 150) },
      { academyId: data.academy.id, schoolYear, level: "2GT" as const, phase: "provisional" as const, ...cal.provisional },
      { academyId: data.academy.id, schoolYear, level: "2GT" as const, phase: "final" as const, ...cal.final },
    ];
    await tx.insert(campaignWindows).values(windowRows);

    // R-OVS-3: the académie's alert on the 1re technologique STD2A, due when the 2GT final window closes.
    await tx.insert(trackAlerts).values({
      ...DEMO_TRACK_ALERT,
      academyId: data.academy.id,
      dueOn: parisDayKey(cal.final.closesAt),
      updatedByName: data.saio.displayName,
      updatedAt: now,
    });

    const history = options.history === false ? null : await playDemoHistory(tx, now);

    return {
      created: true,
      counts: {
        schools: data.schools.length,
        divisions: divisionRows.length,
        students: data.students.length,
        guardians: data.guardians.length,
        accounts: accountRows.length + headIds.size,
        classCouncils: councilRows.length,
        campaignWindows: windowRows.length,
        history,
      },
    } as const;
  });
}

/**
 * R-DATA-1: a demo school's head imports its sample exports, moved to the demo's school year,
 * through the import's own preview and apply (lib/services/siecle-import.ts).
 */
async function importDemoExports(tx: Db, school: { schoolId: string; academyId: string; uai: string; headId: string }, schoolYear: string, now: Date) {
  const uploads = DEMO_EXPORT_FILES.map((name) => ({
    name,
    bytes: new Uint8Array(readFileSync(join(process.cwd(), "demo-data", "siecle", school.uai, name))),
  }));
  const parsed = parseSiecleUploads(uploads);
  if (!parsed.ok) throw new Error(`Exports de démonstration illisibles (${school.uai}) : ${parsed.errors.map((e) => e.message).join(" ; ")}`);
  const head = await findActor(tx, school.headId);
  const scope = { type: "school", schoolId: school.schoolId, academyId: school.academyId } as const;
  const exports = shiftExportsToYear(parsed.exports, schoolYear);
  const preview = await previewParsedImport(tx, head!, scope, { exports, files: importFilesOf(uploads, exports) }, now);
  if (!preview.ok) throw new Error(`Exports de démonstration refusés (${school.uai}) : ${preview.errors.map((e) => e.message).join(" ; ")}`);
  await applyImport(tx, head!, scope, preview.importId, now);
}

function staffColumns(s: { login: string; displayName: string; email: string }) {
  return { displayName: s.displayName, login: s.login, email: s.email };
}
