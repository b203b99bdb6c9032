import { describe, expect, it } from "vitest";
import { dailyTimeOfCron, dueNight, latestScheduledNight, zonedInstant } from "@/lib/domain/nightly-schedule";
import { transferRunsView } from "@/lib/domain/transfer-runs";

const PARIS = "Europe/Paris";
const TWO = { hour: 2, minute: 0 };
const at = (iso: string) => new Date(iso);

describe("the night due (R-SYNC-4, docs/operations.md)", () => {
  it("R-SYNC-4: SYNC_CRON is read as one time a day; anything else is refused", () => {
    expect(dailyTimeOfCron("0 2 * * *")).toEqual({ hour: 2, minute: 0 });
    expect(dailyTimeOfCron("30 23 * * *")).toEqual({ hour: 23, minute: 30 });
    expect(dailyTimeOfCron("0 2 * * 1")).toBeNull();
    expect(dailyTimeOfCron("*/5 * * * *")).toBeNull();
    expect(dailyTimeOfCron("0 24 * * *")).toBeNull();
  });

  it("R-SYNC-4: an ordinary night is 02:00 Paris (01:00 UTC in winter, 00:00 UTC in summer)", () => {
    expect(zonedInstant("2027-01-15", TWO, PARIS).toISOString()).toBe("2027-01-15T01:00:00.000Z");
    expect(zonedInstant("2027-06-15", TWO, PARIS).toISOString()).toBe("2027-06-15T00:00:00.000Z");
  });

  it("R-SYNC-4: spring change, Sunday 28 March 2027: 02:00 does not exist, the night runs at the first instant after it (03:00 CEST)", () => {
    const night = zonedInstant("2027-03-28", TWO, PARIS);
    expect(night.toISOString()).toBe("2027-03-28T01:00:00.000Z");
    // node-cron's "0 2 * * *" never fires that day; the check of 01:00 UTC finds the night due.
    const since = at("2027-03-27T01:00:00Z"); // the night of Saturday 27 ran
    expect(dueNight(at("2027-03-28T00:59:00Z"), TWO, PARIS, since)).toBeNull();
    expect(dueNight(at("2027-03-28T01:00:00Z"), TWO, PARIS, since)).toEqual({ runKey: "night:2027-03-28", asOf: night });
    expect(dueNight(at("2027-03-28T09:00:00Z"), TWO, PARIS, since)).toEqual({ runKey: "night:2027-03-28", asOf: night });
    // The next night is back to 00:00 UTC, 23 hours later.
    expect(dueNight(at("2027-03-29T00:00:00Z"), TWO, PARIS, night)).toEqual({ runKey: "night:2027-03-29", asOf: at("2027-03-29T00:00:00Z") });
  });

  it("R-SYNC-4: autumn change, Sunday 31 October 2027: 02:00 happens twice, the night is its first occurrence and runs once", () => {
    const night = zonedInstant("2027-10-31", TWO, PARIS);
    expect(night.toISOString()).toBe("2027-10-31T00:00:00.000Z"); // 02:00 CEST
    const since = at("2027-10-30T00:00:00Z");
    expect(dueNight(at("2027-10-30T23:59:00Z"), TWO, PARIS, since)).toBeNull();
    expect(dueNight(at("2027-10-31T00:00:00Z"), TWO, PARIS, since)).toEqual({ runKey: "night:2027-10-31", asOf: night });
    // At the second 02:00 (CET, 01:00 UTC), the same night: same key, so the run key makes it once.
    expect(dueNight(at("2027-10-31T01:00:00Z"), TWO, PARIS, since)?.runKey).toBe("night:2027-10-31");
    // Once it ran, nothing more is due that day.
    expect(dueNight(at("2027-10-31T01:30:00Z"), TWO, PARIS, night)).toBeNull();
    expect(dueNight(at("2027-11-01T01:00:00Z"), TWO, PARIS, night)).toEqual({ runKey: "night:2027-11-01", asOf: at("2027-11-01T01:00:00Z") });
  });

  it("R-SYNC-4: every night of 2027 is due once, 365 of them, none skipped, none twice", () => {
    const keys: string[] = [];
    let since = at("2026-12-31T01:00:00Z");
    // A check every 30 minutes through the year (the worker checks every minute).
    for (let t = at("2027-01-01T00:00:00Z").getTime(); t < at("2028-01-01T00:00:00Z").getTime(); t += 30 * 60_000) {
      const due = dueNight(new Date(t), TWO, PARIS, since);
      if (due) {
        keys.push(due.runKey);
        since = due.asOf;
      }
    }
    expect(keys).toHaveLength(365);
    expect(new Set(keys).size).toBe(365);
    expect(keys).toContain("night:2027-03-28");
    expect(keys).toContain("night:2027-10-31");
  }, 30_000);

  it("R-SYNC-4: a night missed while the server was down is due when it starts, the latest one, with its own cut-off", () => {
    const since = at("2027-02-10T01:00:00Z"); // the night of 10 February ran, then the server stopped
    const due = dueNight(at("2027-02-12T09:30:00Z"), TWO, PARIS, since);
    expect(due).toEqual({ runKey: "night:2027-02-12", asOf: at("2027-02-12T01:00:00Z") });
    // Restarted at 01:00 Paris, before that day's night: the night before is due.
    expect(dueNight(at("2027-02-12T00:00:00Z"), TWO, PARIS, since)?.runKey).toBe("night:2027-02-11");
    expect(latestScheduledNight(at("2027-02-12T00:00:00Z"), TWO, PARIS).toISOString()).toBe("2027-02-11T01:00:00.000Z");
  });

  it("R-SYNC-4: a worker that never ran a night (fresh database) waits for its first night instead of running one at start", () => {
    const started = at("2027-02-12T14:00:00Z");
    expect(dueNight(started, TWO, PARIS, started)).toBeNull();
    expect(dueNight(at("2027-02-13T01:00:00Z"), TWO, PARIS, started)?.runKey).toBe("night:2027-02-13");
  });
});

describe("the screen « Transferts » (R-SYNC-3, R-SYNC-5)", () => {
  const base = {
    id: 1,
    runKey: "night:2027-03-28",
    asOf: new Date("2027-03-28T01:00:00Z"),
    startedAt: new Date("2027-03-28T01:00:00Z"),
    finishedAt: new Date("2027-03-28T01:05:00Z"),
    triggeredBy: "cron",
    counts: {},
    errors: [],
  };
  it("R-SYNC-5: a run whose process died reads « Interrompu », a live one « En cours »", () => {
    const view = transferRunsView({
      schedule: { cron: "0 2 * * *", timezone: "Europe/Paris" },
      runs: [
        { ...base, status: "interrupted" },
        { ...base, id: 2, status: "running", finishedAt: null },
      ],
      outbox: [],
      emailKinds: [],
    });
    expect(view.runs.map((r) => r.status)).toEqual(["Interrompu", "En cours"]);
    expect(view.runs[0]!.title).toBe("Nuit du 28/03/2027");
  });

  it("R-SYNC-3: lists each failed e-mail with its recipient, subject, kind, error, attempts and date; says when no relay is configured", () => {
    const view = transferRunsView({
      schedule: { cron: "0 2 * * *", timezone: "Europe/Paris" },
      runs: [],
      outbox: [{ kind: "decision", status: "failed", n: 1 }],
      emailKinds: [{ kind: "decision", label: "Décision d'orientation", subject: "Décision" }],
      failedEmails: [
        {
          id: 7,
          kind: "decision",
          toAddress: "parent@example.fr",
          subject: "Décision d'orientation de Léa",
          lastError: "550 5.1.1 Boîte inconnue",
          attempts: 1,
          createdAt: new Date("2027-03-28T01:00:00Z"),
          updatedAt: new Date("2027-03-28T01:02:00Z"),
        },
      ],
      mailerConfigured: false,
    });
    expect(view.failedEmails).toEqual([
      {
        id: 7,
        recipient: "parent@example.fr",
        subject: "Décision d'orientation de Léa",
        kind: "Décision d'orientation",
        error: "550 5.1.1 Boîte inconnue",
        attempts: "1 tentative",
        date: "28/03/2027 à 03:02",
      },
    ]);
    expect(view.mailerNotice).toContain("Aucun serveur SMTP n'est configuré (SMTP_URL)");
    expect(view.outboxTotal).toBe("1 en échec");
  });
});
