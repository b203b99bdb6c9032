import { describe, expect, it } from "vitest";
import { can, type Actor } from "@/lib/auth/policy";
import { REOPEN_TOO_SOON_MESSAGE, assertReopeningConfirmed, reopeningTooSoon } from "@/lib/domain/council";
import {
  SCHOOL_TRANSFER_MIN_GAP_MS,
  SCHOOL_TRANSFER_RUNNING_MESSAGE,
  SCHOOL_TRANSFER_TOO_SOON_MESSAGE,
  isSchoolRunKey,
  schoolRunKey,
  schoolTransferPanel,
  schoolTransferRefusal,
} from "@/lib/domain/school-transfer";
import { transferRunsView } from "@/lib/domain/transfer-runs";

/* R-OVS-4: the head's on-demand transfer for their school: who may, when it is refused, what the panel says, R-FIN-4's wait lifted. */

const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  accountId: `acc-${role}`,
  role,
  displayName: role,
  guardianId: null,
  studentId: null,
  schoolId: null,
  academyId: null,
  delegatedByHead: false,
  homeroomDivisionIds: [],
  ...extra,
});
const school = { type: "school", schoolId: "school-1", academyId: "grenoble" } as const;

describe("R-OVS-4: who may send the school's data now", () => {
  it("R-OVS-4: the head of the school only; not another school's head, a homeroom teacher (even delegated), the SAIO or the admin", () => {
    expect(can(actor("head", { schoolId: "school-1" }), "run:school-transfer", school)).toBe(true);
    expect(can(actor("head", { schoolId: "school-2" }), "run:school-transfer", school)).toBe(false);
    expect(can(actor("homeroom", { schoolId: "school-1", delegatedByHead: true }), "run:school-transfer", school)).toBe(false);
    expect(can(actor("saio", { academyId: "grenoble" }), "run:school-transfer", school)).toBe(false);
    expect(can(actor("admin"), "run:school-transfer", school)).toBe(false);
    expect(can(actor("head", { schoolId: "school-1" }), "run:school-transfer", { type: "platform" })).toBe(false);
  });
});

describe("R-OVS-4: one run at a time, named by the school and the instant", () => {
  const now = new Date("2026-06-20T14:00:00Z");
  it("R-OVS-4: the run key names the school and the instant, apart from the nights' and the admin's keys", () => {
    expect(schoolRunKey("school-1", now)).toBe("school:school-1:2026-06-20T14:00:00.000Z");
    expect(isSchoolRunKey(schoolRunKey("school-1", now))).toBe(true);
    expect(isSchoolRunKey("night:2026-06-20")).toBe(false);
    expect(isSchoolRunKey("manual:2026-06-20T14:00:00.000Z")).toBe(false);
  });

  it("R-OVS-4: a run still going, or one started less than a minute ago, refuses a new one in French", () => {
    expect(schoolTransferRefusal(null, now)).toBeNull();
    expect(schoolTransferRefusal({ startedAt: new Date(now.getTime() - 5_000), status: "running" }, now)).toBe(SCHOOL_TRANSFER_RUNNING_MESSAGE);
    expect(schoolTransferRefusal({ startedAt: new Date(now.getTime() - 5_000), status: "succeeded" }, now)).toBe(SCHOOL_TRANSFER_TOO_SOON_MESSAGE);
    expect(schoolTransferRefusal({ startedAt: new Date(now.getTime() - SCHOOL_TRANSFER_MIN_GAP_MS), status: "succeeded" }, now)).toBeNull();
    // A row left 'running' by a dead server does not block for ever: the lock decides (lib/transfer/school.ts).
    expect(schoolTransferRefusal({ startedAt: new Date(now.getTime() - 3_600_000), status: "running" }, now)).toBeNull();
  });
});

describe("R-OVS-4: the panel of « Vie de l'établissement »", () => {
  const now = new Date("2026-06-20T14:00:00Z");
  const base = { triggeredBy: "Mme Principale", errors: [] as string[] };
  it("R-OVS-4: the latest run's state: running, done with its counts, failed; the list newest first", () => {
    expect(schoolTransferPanel({ runs: [] })).toEqual({ running: false, latestStatus: null, statusText: null, runs: [] });
    const running = schoolTransferPanel({
      runs: [{ ...base, id: 2, asOf: now, startedAt: now, finishedAt: null, status: "running", counts: {} }],
    });
    expect(running.running).toBe(true);
    expect(running.statusText).toBe("Transfert en cours depuis le 20/06/2026 à 16:00…");
    const done = schoolTransferPanel({
      runs: [
        {
          ...base,
          id: 2,
          asOf: now,
          startedAt: now,
          finishedAt: new Date(now.getTime() + 3000),
          status: "succeeded",
          counts: { students: 120, proposals: 240, familyEntries: 0, emailsQueued: 4, emailsSent: 4 },
        },
        { ...base, id: 1, asOf: now, startedAt: now, finishedAt: now, status: "failed", counts: {}, errors: ["connexion perdue"] },
      ],
    });
    expect(done.running).toBe(false);
    expect(done.statusText).toBe(
      "Dernier transfert terminé le 20/06/2026 à 16:00 (120 élèves) : Propositions du conseil publiées : 240 ; Courriels mis en file : 4",
    );
    expect(done.runs.map((r) => r.statusLabel)).toEqual(["Terminé", "En échec"]);
    expect(done.runs[1]!.errors).toEqual(["Erreur : connexion perdue"]);
    const failed = schoolTransferPanel({
      runs: [done.runs[1]!].map(() => ({ ...base, id: 1, asOf: now, startedAt: now, finishedAt: now, status: "interrupted", counts: {} })),
    });
    expect(failed.statusText).toContain("n'a pas abouti (interrompu)");
    const nothing = schoolTransferPanel({
      runs: [{ ...base, id: 3, asOf: now, startedAt: now, finishedAt: now, status: "succeeded", counts: { students: 1 } }],
    });
    expect(nothing.runs[0]!.summary).toBe("Rien à transmettre : tout était déjà transmis.");
  });

  it("R-OVS-4: the administrator's screen names the school of a school's run", () => {
    const view = transferRunsView({
      schedule: { cron: "0 2 * * *", timezone: "Europe/Paris" },
      runs: [
        {
          ...base,
          id: 1,
          runKey: "school:s1:2026-06-20T14:00:00.000Z",
          asOf: now,
          startedAt: now,
          finishedAt: null,
          status: "running",
          counts: {},
          schoolName: "Collège Les Tilleuls",
        },
        { ...base, id: 2, runKey: "night:2026-06-20", asOf: now, startedAt: now, finishedAt: null, status: "succeeded", counts: {} },
      ],
      outbox: [],
      emailKinds: [],
    });
    expect(view.runs.map((r) => r.title)).toEqual(["Établissement : Collège Les Tilleuls", "Nuit du 20/06/2026"]);
  });
});

describe("R-OVS-4 with R-FIN-4: the 24 h wait before reopening the family service", () => {
  const answered = new Date("2026-06-20T10:00:00Z");
  const soon = new Date("2026-06-20T12:00:00Z");
  it("R-OVS-4: a school transfer whose cut-off is at or after the last answers lifts the wait; one before them does not", () => {
    expect(reopeningTooSoon(answered, soon)).toBe(true);
    expect(reopeningTooSoon(answered, soon, null)).toBe(true);
    expect(reopeningTooSoon(answered, soon, new Date("2026-06-20T09:59:59Z"))).toBe(true);
    expect(reopeningTooSoon(answered, soon, answered)).toBe(false);
    expect(reopeningTooSoon(answered, soon, new Date("2026-06-20T11:00:00Z"))).toBe(false);
    expect(reopeningTooSoon(null, soon, null)).toBe(false);
    expect(() => assertReopeningConfirmed(answered, soon, false, new Date("2026-06-20T09:00:00Z"))).toThrow(REOPEN_TOO_SOON_MESSAGE);
    expect(() => assertReopeningConfirmed(answered, soon, false, new Date("2026-06-20T11:00:00Z"))).not.toThrow();
  });
});
