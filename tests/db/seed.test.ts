import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { isAdult, schoolYearOf, windowState } from "@/lib/domain/calendar";
import { finalOutcome } from "@/lib/domain/decision";
import { parisDayKey } from "@/lib/domain/paris-time";
import { SPECIALTIES } from "@/lib/domain/tracks";
import { buildDemoData, DEMO_2GT_STEPS, DEMO_ACCOUNTS, DEMO_FAMILY, DEMO_PASSWORD, OIDC_DEMO_GUARDIAN, type Demo2gtStep } from "@/lib/db/demo-accounts";
import { demoCalendar } from "@/lib/db/demo-progress";
import { loadFinalOutcomeFacts } from "@/lib/db/repositories/final-outcome";
import {
  academies,
  accounts,
  campaignWindows,
  divisions,
  guardians,
  homeroomDivisions,
  schools,
  schoolSpecialties,
  studentGuardians,
  students,
} from "@/lib/db/schema";
import { seedDemo, type SeedResult } from "@/lib/db/seed";
import { createTestDb, type TestDb } from "../support/test-db";

const NOW = new Date("2026-11-23T09:00:00Z");

let t: TestDb;
let first: SeedResult;
beforeAll(async () => {
  t = await createTestDb();
  first = await seedDemo(t.db, NOW);
});
afterAll(async () => {
  await t?.drop();
});

async function countRows(): Promise<Record<string, number>> {
  const res = await t.db.execute(sql`
    select
      (select count(*) from academies)::int as academies,
      (select count(*) from schools)::int as schools,
      (select count(*) from school_specialties)::int as school_specialties,
      (select count(*) from divisions)::int as divisions,
      (select count(*) from students)::int as students,
      (select count(*) from guardians)::int as guardians,
      (select count(*) from student_guardians)::int as student_guardians,
      (select count(*) from accounts)::int as accounts,
      (select count(*) from homeroom_divisions)::int as homeroom_divisions,
      (select count(*) from class_councils)::int as class_councils,
      (select count(*) from campaign_windows)::int as campaign_windows,
      (select count(*) from family_requests)::int as family_requests,
      (select count(*) from school_requests)::int as school_requests,
      (select count(*) from opinions)::int as opinions,
      (select count(*) from family_acknowledgements)::int as family_acknowledgements,
      (select count(*) from council_proposals)::int as council_proposals,
      (select count(*) from family_answers)::int as family_answers,
      (select count(*) from decisions)::int as decisions,
      (select count(*) from appeals)::int as appeals,
      (select count(*) from outbox_emails)::int as outbox_emails,
      (select count(*) from sync_runs)::int as sync_runs,
      (select count(*) from audit_log)::int as audit_log`);
  return res.rows[0] as Record<string, number>;
}

const DATA = buildDemoData();
const ineOf = (key: string) => DATA.students.find((s) => s.key === key)!.ine;
async function studentId(key: string): Promise<string> {
  return (
    await t.db
      .select({ id: students.id })
      .from(students)
      .where(eq(students.ine, ineOf(key)))
  )[0]!.id;
}
async function one<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await t.db.execute(query)).rows as T[];
}
const keysAt = (step: Demo2gtStep) =>
  Object.entries(DEMO_2GT_STEPS)
    .filter(([, v]) => v.step === step)
    .map(([k]) => k);

describe("seedDemo", () => {
  it("creates the académie de Grenoble with a collège (3A-3D) and a lycée (2A-2B of 25 students each, 2C of 10)", async () => {
    expect(first.created).toBe(true);
    const [academy] = await t.db.select().from(academies);
    expect(academy).toMatchObject({ id: "grenoble", senderEmail: "ne-pas-repondre@ac-grenoble.fr", appealDeadlineWorkingDays: 3, allowTrackDetails: true });
    expect(academy!.appealCommissionPresident).not.toBe("");
    expect(academy!.appealCommissionAddress).not.toBe("");

    const schoolRows = await t.db.select().from(schools).orderBy(schools.name);
    expect(schoolRows.map((s) => [s.name, s.termMode])).toEqual([
      ["Collège Stendhal", "trimester"],
      ["Lycée Champollion", "semester"],
    ]);
    for (const s of schoolRows) {
      expect(s.uai).toMatch(/^[0-9]{7}[A-Z]$/);
      expect(s.address && s.postalCode && s.city && s.phone && s.email).toBeTruthy();
    }

    const perDivision = await t.db
      .select({ code: divisions.code, level: divisions.level, n: sql<number>`count(${students.id})::int` })
      .from(divisions)
      .leftJoin(students, eq(students.divisionId, divisions.id))
      .groupBy(divisions.code, divisions.level)
      .orderBy(divisions.code);
    expect(perDivision).toEqual([
      { code: "2A", level: "2GT", n: 25 },
      { code: "2B", level: "2GT", n: 25 },
      { code: "2C", level: "2GT", n: 10 },
      { code: "3A", level: "3e", n: 25 },
      { code: "3B", level: "3e", n: 25 },
      { code: "3C", level: "3e", n: 25 },
      { code: "3D", level: "3e", n: 25 },
    ]);
  });

  it("R-2GT-4: the lycée offers some, not all, spécialités, with known codes", async () => {
    const rows = await t.db
      .select({ specialty: schoolSpecialties.specialty, uai: schools.uai })
      .from(schoolSpecialties)
      .innerJoin(schools, eq(schools.id, schoolSpecialties.schoolId));
    expect(new Set(rows.map((r) => r.uai)).size).toBe(1);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(Object.keys(SPECIALTIES).length);
    for (const r of rows) expect(Object.keys(SPECIALTIES)).toContain(r.specialty);
  });

  it("gives students valid INEs, ages fitting their level, and exactly one adult (R-AUTH-4), at the lycée", async () => {
    const rows = await t.db
      .select({ ine: students.ine, birthDate: students.birthDate, level: divisions.level })
      .from(students)
      .innerJoin(divisions, eq(divisions.id, students.divisionId));
    expect(rows).toHaveLength(160);
    for (const r of rows) expect(r.ine).toMatch(/^[0-9A-Z]{11}$/);
    const adults = rows.filter((r) => isAdult(r.birthDate, NOW));
    expect(adults).toHaveLength(1);
    expect(adults[0]!.level).toBe("2GT");
    const years = (level: string) => new Set(rows.filter((r) => r.level === level && !isAdult(r.birthDate, NOW)).map((r) => r.birthDate.slice(0, 4)));
    expect([...years("3e")].sort()).toEqual(["2011", "2012"]);
    expect([...years("2GT")].sort()).toEqual(["2010", "2011"]);
  });

  it("gives every student one or two guardians (ranks 1 and 2), some without e-mail, and one family of two siblings", async () => {
    const perStudent = await t.db
      .select({
        studentId: studentGuardians.studentId,
        n: sql<number>`count(*)::int`,
        ranks: sql<number[]>`array_agg(${studentGuardians.rank} order by ${studentGuardians.rank})`,
      })
      .from(studentGuardians)
      .groupBy(studentGuardians.studentId);
    expect(perStudent).toHaveLength(160);
    const single = perStudent.filter((r) => r.n === 1);
    for (const r of perStudent) expect(r.ranks).toEqual(r.n === 1 ? [1] : [1, 2]);
    expect(single.length).toBeGreaterThanOrEqual(10);
    expect(single.length).toBeLessThanOrEqual(30);

    const all = await t.db.select().from(guardians);
    const withoutEmail = all.filter((g) => g.email === null);
    expect(withoutEmail.length).toBeGreaterThanOrEqual(10);
    expect(withoutEmail.length).toBeLessThan(all.length * 0.2);
    for (const g of all) if (g.email) expect(g.email).toMatch(/^[a-z0-9.-]+@example\.(fr|com)$/);
    for (const g of all) expect(["M.", "Mme"]).toContain(g.civility);

    const multi = await t.db
      .select({ guardianId: studentGuardians.guardianId, n: sql<number>`count(*)::int` })
      .from(studentGuardians)
      .groupBy(studentGuardians.guardianId)
      .having(sql`count(*) > 1`);
    expect(multi).toHaveLength(2); // the siblings' two guardians
    expect(multi.every((m) => m.n === 2)).toBe(true);
    const siblingInes = DEMO_FAMILY.siblings.map((f) => f.student.ine);
    const theirs = await t.db
      .select({ ine: students.ine })
      .from(studentGuardians)
      .innerJoin(students, eq(students.id, studentGuardians.studentId))
      .where(
        inArray(
          studentGuardians.guardianId,
          multi.map((m) => m.guardianId),
        ),
      );
    expect(new Set(theirs.map((r) => r.ine))).toEqual(new Set(siblingInes));
  });

  it("creates a password account for every guardian and student, and the staff of each school", async () => {
    const byRole = await t.db
      .select({ role: accounts.role, n: sql<number>`count(*)::int` })
      .from(accounts)
      .groupBy(accounts.role);
    const counts = Object.fromEntries(byRole.map((r) => [r.role, r.n]));
    const guardianCount = (await t.db.select({ n: sql<number>`count(*)::int` }).from(guardians))[0]!.n;
    expect(counts).toEqual({ guardian: guardianCount, student: 160, head: 2, homeroom: 7, saio: 1, admin: 1 });
    const noPassword = await t.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(sql`${accounts.passwordHash} is null or ${accounts.login} is null`);
    expect(noPassword).toHaveLength(0);

    const homerooms = await t.db
      .select({ login: accounts.login, code: divisions.code })
      .from(homeroomDivisions)
      .innerJoin(accounts, eq(accounts.id, homeroomDivisions.accountId))
      .innerJoin(divisions, eq(divisions.id, homeroomDivisions.divisionId))
      .orderBy(divisions.code);
    expect(homerooms).toEqual(["2A", "2B", "2C", "3A", "3B", "3C", "3D"].map((code) => ({ login: `pp.${code.toLowerCase()}`, code })));
    const [saio] = await t.db.select().from(accounts).where(eq(accounts.role, "saio"));
    expect(saio!.academyId).toBe("grenoble");
  });

  it("lets the demo accounts sign in with DEMO_PASSWORD", async () => {
    const logins = ["admin", "saio.grenoble", DEMO_FAMILY.student3A.guardians[0]!.login, DEMO_FAMILY.adult.student.login];
    const rows = await t.db.select({ login: accounts.login, passwordHash: accounts.passwordHash }).from(accounts).where(inArray(accounts.login, logins));
    expect(rows).toHaveLength(logins.length);
    for (const r of rows) expect(await verifyPassword(DEMO_PASSWORD, r.passwordHash!)).toBe(true);
    expect(await verifyPassword("mauvais", rows[0]!.passwordHash!)).toBe(false);
    // One hash shared by all accounts: checking one string covers them all.
    const distinct = await t.db.select({ n: sql<number>`count(distinct ${accounts.passwordHash})::int` }).from(accounts);
    expect(distinct[0]!.n).toBe(1);
  });

  it("R-SCH-3: the collège's and 2C's councils are planned; 2A and 2B held their provisional council, 2B holds its final one", async () => {
    const rows = await one<{ code: string; phase: string; state: string; scheduled_at: Date; opened_at: Date | null }>(
      sql`select d.code, c.phase::text as phase, c.state::text as state, c.scheduled_at, c.opened_at from class_councils c join divisions d on d.id = c.division_id order by d.code, c.phase`,
    );
    expect(rows).toHaveLength(14);
    const state = Object.fromEntries(rows.map((r) => [`${r.code}/${r.phase}`, r.state]));
    expect(state).toEqual({
      "2A/provisional": "open",
      "2A/final": "planned",
      "2B/provisional": "open",
      "2B/final": "open",
      "2C/provisional": "planned",
      "2C/final": "planned",
      ...Object.fromEntries(
        ["3A", "3B", "3C", "3D"].flatMap((c) => [
          [`${c}/provisional`, "planned"],
          [`${c}/final`, "planned"],
        ]),
      ),
    });
    for (const r of rows) {
      if (r.state === "open") expect(new Date(r.opened_at!).getTime()).toBeLessThan(NOW.getTime());
      else expect(new Date(r.scheduled_at).getTime()).toBeGreaterThan(NOW.getTime());
    }
    const college = rows.filter((r) => r.code.startsWith("3"));
    const latestProvisional = Math.max(...college.filter((r) => r.phase === "provisional").map((r) => new Date(r.scheduled_at).getTime()));
    const earliestFinal = Math.min(...college.filter((r) => r.phase === "final").map((r) => new Date(r.scheduled_at).getTime()));
    expect(latestProvisional).toBeLessThan(earliestFinal);
  });

  it("R-CAL-1: 3e: the provisional window is open today, the final one opens later; 2GT: the provisional window closed, the final one is open", async () => {
    const rows = await t.db
      .select()
      .from(campaignWindows)
      .where(and(eq(campaignWindows.academyId, "grenoble"), eq(campaignWindows.schoolYear, schoolYearOf(NOW))));
    expect(rows).toHaveLength(4);
    const w = (level: "3e" | "2GT", phase: "provisional" | "final") => rows.find((r) => r.level === level && r.phase === phase)!;
    expect(windowState(w("3e", "provisional"), NOW)).toBe("open");
    expect(windowState(w("3e", "final"), NOW)).toBe("before");
    expect(windowState(w("2GT", "provisional"), NOW)).toBe("after");
    expect(windowState(w("2GT", "final"), NOW)).toBe("open");
    for (const level of ["3e", "2GT"] as const) expect(w(level, "provisional").closesAt < w(level, "final").opensAt).toBe(true);
    // The 2GT history happened in this school year (the services read its windows).
    expect(schoolYearOf(w("2GT", "provisional").opensAt)).toBe(schoolYearOf(NOW));
  });

  it("R-CAL-1: early in the school year the 2GT history is squeezed into the days since 1 September", () => {
    const early = new Date("2026-09-20T08:00:00Z");
    const cal = demoCalendar(early);
    expect(schoolYearOf(cal.provisional.opensAt)).toBe("2026-2027");
    expect(cal.provisional.opensAt < cal.provisional.closesAt && cal.provisional.closesAt < cal.final.opensAt && cal.final.opensAt < early).toBe(true);
    expect(cal.at(1, "18:00") < early).toBe(true);
    expect(windowState(cal.final, early)).toBe("open");
  });

  it("leaves the collège and 2C from scratch: no request, avis nor audit line for their students", async () => {
    const rows = await one<{ n: number }>(sql`
      select (select count(*) from family_requests fr join students s on s.id = fr.student_id join divisions d on d.id = s.division_id where d.code in ('3A','3B','3C','3D','2C'))::int
           + (select count(*) from school_requests sr join students s on s.id = sr.student_id join divisions d on d.id = s.division_id where d.code in ('3A','3B','3C','3D','2C'))::int
           + (select count(*) from audit_log a join students s on s.id::text = a.entity_id join divisions d on d.id = s.division_id where d.code in ('3A','3B','3C','3D','2C'))::int as n`);
    expect(rows[0]!.n).toBe(0);
    // 2C (R-AUTH-2): two guardians with an account for most of its students, most with an e-mail address.
    const c = await one<{ students: number; two: number; with_email: number; guardians: number }>(sql`
      select count(distinct s.id)::int as students,
             count(distinct s.id) filter (where (select count(*) from student_guardians x where x.student_id = s.id) = 2)::int as two,
             count(distinct g.id) filter (where g.email is not null)::int as with_email, count(distinct g.id)::int as guardians
        from students s join divisions d on d.id = s.division_id join student_guardians sg on sg.student_id = s.id join guardians g on g.id = sg.guardian_id
        join accounts a on a.guardian_id = g.id where d.code = '2C'`);
    expect(c[0]!.students).toBe(10);
    expect(c[0]!.two).toBeGreaterThanOrEqual(6);
    expect(c[0]!.with_email).toBeGreaterThan(c[0]!.guardians / 2);
  });

  it("R-2GT-1..3 / R-SCH-2 / R-SCH-7 / R-ACK-1: the 2GT provisional phase, played through the services: TS and paper intentions, avis published, acknowledged or not", async () => {
    // TS: validated online, transferred, marked with the guardian's name and date.
    const ts = await one<{ source: string; entered_by_name: string; entered_at: Date; items: string }>(sql`
      select sr.source::text as source, sr.entered_by_name, sr.entered_at,
             string_agg(i.track || ':' || i.sub_track || ':' || array_to_string(i.specialties, ','), ' | ' order by i.rank) as items
        from school_requests sr join school_request_items i on i.request_id = sr.id
       where sr.student_id = ${await studentId("2A#0")} and sr.phase = 'provisional' group by sr.id`);
    expect(ts).toEqual([expect.objectContaining({ source: "family", items: "1G::MATHS,PC,SVT,NSI | 1T:STL_BIO: | VOIE_PRO:1PRO:" })]);
    expect(new Date(ts[0]!.entered_at).getTime()).toBeLessThan(NOW.getTime());
    // Paper: entered by the school.
    const paper = await one<{ source: string }>(
      sql`select source::text as source from school_requests where student_id = ${await studentId("2A#2")} and phase = 'provisional'`,
    );
    expect(paper).toEqual([{ source: "school" }]);
    // Avis published with their recommandations, incl. on the spécialités.
    const avis = await one<{ value: string; comment: string }>(sql`
      select value::text as value, comment from family_published_opinions where student_id = ${await studentId("2A#0")} order by rank`);
    expect(avis.map((a) => a.value)).toEqual(["favorable", "reserve", "defavorable"]);
    expect(avis[0]!.comment).toMatch(/^Spécialités/);
    // Acknowledged or not yet.
    const acks = await one<{ ine: string }>(sql`select s.ine from family_acknowledgements a join students s on s.id = a.student_id`);
    const acked = new Set(acks.map((a) => a.ine));
    expect(acked.has(ineOf("2A#0"))).toBe(true);
    expect(acked.has(ineOf("2A#4"))).toBe(false);
    expect(acked.has(ineOf("2A#2"))).toBe(false);
    const outside = await one<{ specialties: string[] }>(sql`
      select i.specialties from family_requests r join family_request_items i on i.request_id = r.id
       where r.student_id = ${await studentId("2A#4")} and r.phase = 'provisional' and i.track = '1G'`);
    expect(outside[0]!.specialties).toHaveLength(5);
  });

  it("R-FIN-1..3 / R-2GT-3: 2A's final choices: none yet after the acknowledgement, or validated (1G with 3 spécialités, séries, BT musique, voie pro)", async () => {
    const finals = await one<{ ine: string; holder: string; items: string }>(sql`
      select s.ine, r.holder_name as holder, string_agg(i.track || ':' || i.sub_track || ':' || array_to_string(i.specialties, ','), ' | ' order by i.rank) as items
        from family_requests r join family_request_items i on i.request_id = r.id join students s on s.id = r.student_id
       where r.phase = 'final' group by s.ine, r.holder_name`);
    const of = (key: string) => finals.find((f) => f.ine === ineOf(key));
    expect(of("2A#0")).toBeUndefined();
    expect(of("2A#6")!.items).toBe("1G::MATHS,PC,SVT | 1T:STI2D: | 1T:STL_SPCL:");
    expect(of("2A#7")!.items).toBe("BT_MUSIQUE:: | 1T:S2TMD: | 1G::HLP,LLCER,ARTS_MUSIQUE");
    expect(of("2A#9")!.items).toBe("VOIE_PRO:1PRO: | 1T:STMG:");
    const out = await one<{ reason: string | null }>(sql`select out_of_procedure_reason as reason from students where ine = ${ineOf("2A#13")}`);
    expect(out[0]!.reason).toBeTruthy();
  });

  it("R-FIN-5..11: 2B's final council: every step of the procedure holds as the back-office reads it", async () => {
    const keys = Object.keys(DEMO_2GT_STEPS).filter((k) => k.startsWith("2B"));
    const ids = new Map<string, string>();
    for (const k of keys) ids.set(k, await studentId(k));
    const facts = await loadFinalOutcomeFacts(t.db, [...ids.values()], NOW);
    const kind = (key: string) => finalOutcome(facts.get(ids.get(key)!)!.facts, parisDayKey(NOW)).kind;
    expect(kind("2B#7")).toBe("decision_due");
    expect(kind("2B#8")).toBe("decided");
    expect(kind("2B#10")).toBe("interview_due");
    expect(kind("2B#12")).toBe("appeal_pending");
    expect(kind("2B#13")).toBe("commission_decided");
    expect(kind("2B#4")).toBe("awaiting_agreement");

    const proposals = await one<{ ine: string; published: number; unpublished: number }>(sql`
      select s.ine, count(*) filter (where p.published_at is not null)::int as published, count(*) filter (where p.published_at is null)::int as unpublished
        from council_proposals p join students s on s.id = p.student_id group by s.ine`);
    const p = (key: string) => proposals.find((r) => r.ine === ineOf(key));
    expect(p("2B#2")).toMatchObject({ published: 0, unpublished: 2 });
    expect(p("2B#3")).toMatchObject({ published: 2, unpublished: 0 });
    const answered = await one<{ ine: string }>(sql`select s.ine from family_answers a join students s on s.id = a.student_id`);
    expect(answered.map((a) => a.ine)).not.toContain(ineOf("2B#3"));

    // The decision that differs from the request: its three reasons, its notice by e-mail and deadline, the appeal.
    const d = facts.get(ids.get("2B#12")!)!.facts.decision!;
    expect(d).toMatchObject({ source: "head", differsFromRequest: true, noticeChannel: "email" });
    expect(d.reasonKnowledge && d.reasonAbilities && d.reasonInterests).toBeTruthy();
    expect(d.notifiedOn! <= d.appealDeadline!).toBe(true);
    const published = await one<{ ine: string; source: string }>(
      sql`select s.ine, p.source::text as source from family_published_decisions p join students s on s.id = p.student_id order by s.ine`,
    );
    expect(new Map(published.map((r) => [r.ine, r.source]))).toEqual(
      new Map([
        [ineOf("2B#8"), "agreement"],
        [ineOf("2B#12"), "head"],
        [ineOf("2B#13"), "commission"],
      ]),
    );
  });

  it("every step of DEMO_2GT_STEPS has a student, and every history date is in the past", async () => {
    const steps = new Set(Object.values(DEMO_2GT_STEPS).map((v) => v.step));
    expect(steps.size).toBe(13);
    for (const step of steps) expect(keysAt(step).length).toBeGreaterThan(0);
    const late = await one<{ n: number }>(sql`
      select (select count(*) from audit_log where at > ${NOW.toISOString()}::timestamptz)::int
           + (select count(*) from sync_runs where as_of > ${NOW.toISOString()}::timestamptz or status <> 'succeeded')::int
           + (select count(*) from school_requests where entered_at > ${NOW.toISOString()}::timestamptz)::int
           + (select count(*) from council_proposals where entered_at > ${NOW.toISOString()}::timestamptz)::int as n`);
    expect(late[0]!.n).toBe(0);
  });

  it("R-SYNC-3: no e-mail of the simulated past leaves: each is marked sent when queued, never handed to a relay", async () => {
    const rows = await one<{ status: string; n: number; no_message_id: number; on_time: number }>(sql`
      select status::text as status, count(*)::int as n, count(*) filter (where message_id is null)::int as no_message_id,
             count(*) filter (where sent_at = created_at and created_at < ${NOW.toISOString()}::timestamptz)::int as on_time
        from outbox_emails group by status`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("sent");
    expect(rows[0]!.n).toBeGreaterThan(20);
    expect(rows[0]!.no_message_id).toBe(rows[0]!.n);
    expect(rows[0]!.on_time).toBe(rows[0]!.n);
  });

  it("does nothing the second time it runs", async () => {
    const before = await countRows();
    expect(await seedDemo(t.db, new Date(NOW.getTime() + 86_400_000))).toEqual({ created: false });
    expect(await countRows()).toEqual(before);
  });

  it("plays no history on a database that holds another académie (the nights would walk its students)", async () => {
    const other = await createTestDb();
    try {
      await other.db.insert(academies).values({
        id: "lyon",
        name: "Académie de Lyon",
        senderEmail: "ne-pas-repondre@ac-lyon.fr",
        appealCommissionPresident: "M. le DASEN",
        appealCommissionAddress: "Lyon",
      });
      const r = await seedDemo(other.db, NOW);
      expect(r.created && r.counts.history).toBeNull();
      const c = await other.db.execute(sql`select (select count(*) from family_requests)::int + (select count(*) from sync_runs)::int as n`);
      expect((c.rows[0] as { n: number }).n).toBe(0);
    } finally {
      await other.drop();
    }
  });

  it("holds every DEMO_ACCOUNTS login with the stated role", async () => {
    const rows = await t.db
      .select({ login: accounts.login, role: accounts.role })
      .from(accounts)
      .where(
        inArray(
          accounts.login,
          DEMO_ACCOUNTS.map((a) => a.login),
        ),
      );
    expect(new Map(rows.map((r) => [r.login, r.role]))).toEqual(new Map(DEMO_ACCOUNTS.map((a) => [a.login, a.role])));
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(["head", "homeroom", "saio", "admin", "guardian", "student"]));
  });

  it("matches DEMO_FAMILY and OIDC_DEMO_GUARDIAN with the database (student, division, school, guardians by rank)", async () => {
    const families = [DEMO_FAMILY.student3A, DEMO_FAMILY.student3B, DEMO_FAMILY.noEmail, DEMO_FAMILY.adult, ...DEMO_FAMILY.siblings];
    for (const f of families) {
      const [s] = await t.db
        .select({ id: students.id, firstName: students.firstName, lastName: students.lastName, code: divisions.code, uai: schools.uai })
        .from(students)
        .innerJoin(divisions, eq(divisions.id, students.divisionId))
        .innerJoin(schools, eq(schools.id, students.schoolId))
        .where(eq(students.ine, f.student.ine));
      expect(s).toMatchObject({ firstName: f.student.firstName, lastName: f.student.lastName, code: f.divisionCode, uai: f.schoolUai });
      const [studentAccount] = await t.db.select().from(accounts).where(eq(accounts.login, f.student.login));
      expect(studentAccount).toMatchObject({ role: "student", studentId: s!.id });

      const gs = await t.db
        .select({
          rank: studentGuardians.rank,
          login: accounts.login,
          civility: guardians.civility,
          firstName: guardians.firstName,
          lastName: guardians.lastName,
          email: guardians.email,
          role: accounts.role,
        })
        .from(studentGuardians)
        .innerJoin(guardians, eq(guardians.id, studentGuardians.guardianId))
        .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
        .where(eq(studentGuardians.studentId, s!.id))
        .orderBy(studentGuardians.rank);
      expect(gs).toEqual(f.guardians.map((g) => ({ ...g, role: "guardian" })));
    }
    expect(DEMO_FAMILY.student3A.divisionCode).toBe("3A");
    expect(DEMO_FAMILY.student3A.guardians.map((g) => g.email !== null)).toEqual([true, true]);
    expect(DEMO_FAMILY.student3B.divisionCode).toBe("3B");
    expect(DEMO_FAMILY.noEmail.guardians[0]!.email).toBeNull();

    const [oidc] = await t.db
      .select()
      .from(guardians)
      .innerJoin(accounts, eq(accounts.guardianId, guardians.id))
      .where(eq(accounts.login, OIDC_DEMO_GUARDIAN.login));
    expect(oidc!.guardians).toMatchObject({ firstName: OIDC_DEMO_GUARDIAN.firstName, lastName: OIDC_DEMO_GUARDIAN.lastName, email: OIDC_DEMO_GUARDIAN.email });
    const children = await t.db
      .select({ ine: students.ine, uai: schools.uai, firstName: students.firstName, lastName: students.lastName, code: divisions.code })
      .from(studentGuardians)
      .innerJoin(students, eq(students.id, studentGuardians.studentId))
      .innerJoin(schools, eq(schools.id, students.schoolId))
      .innerJoin(divisions, eq(divisions.id, students.divisionId))
      .where(eq(studentGuardians.guardianId, oidc!.guardians.id));
    expect(children.map(({ code: _code, ...c }) => c)).toEqual(OIDC_DEMO_GUARDIAN.children);
    expect(children.map((c) => c.code)).toContain("3B");
  });
});
