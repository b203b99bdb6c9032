import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { schoolYearOf } from "@/lib/domain/calendar";
import { parisDateTime, parisDayKey } from "@/lib/domain/paris-time";
import type { Db } from "./client";
import { buildDemoData, DEMO_ACADEMY_ID, DEMO_PASSWORD } from "./demo-accounts";
import { demoCalendar, playDemoHistory, type DemoHistoryCounts } from "./demo-progress";
import {
  academies,
  accounts,
  campaignWindows,
  classCouncils,
  divisions,
  guardians,
  homeroomDivisions,
  schools,
  schoolSpecialties,
  studentGuardians,
  students,
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
 * Inserts the demo académie de Grenoble (two schools, 135 students, their families, staff,
 * councils and campaign windows) from buildDemoData(), then plays the lycée's 2GT history
 * (lib/db/demo-progress.ts: 2A and 2B families at every step, final phase open now; 2C
 * untouched). The collège starts from scratch: its provisional phase is open, nothing entered.
 * Idempotent: if the académie exists it does nothing. Everything goes in one transaction (the
 * services' own transactions nest in it), so a failure leaves no half demo.
 */
export async function seedDemo(db: Db, now: Date, options: SeedOptions = {}): Promise<SeedResult> {
  const existing = await db.select({ id: academies.id }).from(academies).where(eq(academies.id, DEMO_ACADEMY_ID)).limit(1);
  if (existing.length > 0) return { created: false };

  const data = buildDemoData();
  // scrypt costs ~50 ms: one hash, shared by every demo account (they all have the same password).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const schoolYear = schoolYearOf(now);
  const firstYear = Number(schoolYear.slice(0, 4));

  return db.transaction(async (tx) => {
    // The insert is the real guard: a concurrent seed waits on the key, then inserts nothing.
    const inserted = await tx.insert(academies).values(data.academy).onConflictDoNothing().returning({ id: academies.id });
    if (inserted.length === 0) return { created: false } as const;

    const schoolIds = new Map(data.schools.map((s) => [s.key, randomUUID()]));
    const divisionIds = new Map(data.schools.flatMap((s) => s.divisions.map((d) => [d.code, randomUUID()] as const)));
    const guardianIds = new Map(data.guardians.map((g) => [g.key, randomUUID()]));
    const studentIds = new Map(data.students.map((s) => [s.key, randomUUID()]));

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
      })),
    );
    const specialtyRows = data.schools.flatMap((s) => s.specialties.map((specialty) => ({ schoolId: schoolIds.get(s.key)!, specialty })));
    if (specialtyRows.length > 0) await tx.insert(schoolSpecialties).values(specialtyRows);

    const divisionRows = data.schools.flatMap((s) =>
      s.divisions.map((d) => ({
        id: divisionIds.get(d.code)!,
        schoolId: schoolIds.get(s.key)!,
        code: d.code,
        level: s.level,
        mefCode: d.mefCode,
        mefLabel: d.mefLabel,
      })),
    );
    await tx.insert(divisions).values(divisionRows);

    await tx.insert(guardians).values(
      data.guardians.map((g) => ({
        id: guardianIds.get(g.key)!,
        civility: g.civility,
        firstName: g.firstName,
        lastName: g.lastName,
        email: g.email,
      })),
    );

    const pad = (n: number) => String(n).padStart(2, "0");
    await tx.insert(students).values(
      data.students.map((s) => ({
        id: studentIds.get(s.key)!,
        ine: s.ine,
        schoolId: schoolIds.get(s.schoolKey)!,
        divisionId: divisionIds.get(s.divisionCode)!,
        lastName: s.lastName,
        firstName: s.firstName,
        birthDate: `${firstYear - s.birth.yearsBefore}-${pad(s.birth.month)}-${pad(s.birth.day)}`,
      })),
    );
    await tx.insert(studentGuardians).values(
      data.students.flatMap((s) =>
        s.guardianKeys.map((k, i) => ({
          studentId: studentIds.get(s.key)!,
          guardianId: guardianIds.get(k)!,
          rank: i + 1,
        })),
      ),
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
        { role: "head" as const, ...staffColumns(s.head), passwordHash, schoolId: schoolIds.get(s.key)! },
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

    const history = options.history === false ? null : await playDemoHistory(tx, now);

    return {
      created: true,
      counts: {
        schools: data.schools.length,
        divisions: divisionRows.length,
        students: data.students.length,
        guardians: data.guardians.length,
        accounts: accountRows.length,
        classCouncils: councilRows.length,
        campaignWindows: windowRows.length,
        history,
      },
    } as const;
  });
}

function staffColumns(s: { login: string; displayName: string; email: string }) {
  return { displayName: s.displayName, login: s.login, email: s.email };
}
