import { describe, expect, it } from "vitest";
import { EMAIL_KINDS, EMAIL_TEMPLATES } from "@/emails/registry";
import { parisDateTime } from "@/lib/domain/paris-time";
import { devMailboxAvailable, devMailboxView, platformHomeView } from "@/lib/domain/platform-admin";
import { describeCounts, nightRunKey, TRANSFER_COUNT_LABELS, transferAuditEntries, transferRunsView } from "@/lib/domain/transfer-runs";
import { BACKOFF_MAX_MS, backoffMs } from "@/lib/outbox/sender";
import { parseEnv } from "@/lib/env";

describe("nightly transfer: run key (R-SYNC-4)", () => {
  it("R-SYNC-4: names the night by the Paris day of its cut-off, not the UTC day", () => {
    expect(nightRunKey(parisDateTime("2026-11-24", "02:00"))).toBe("night:2026-11-24");
    // 23:30 UTC on the 23rd is already 00:30 on the 24th in Paris.
    expect(nightRunKey(new Date("2026-11-23T23:30:00Z"))).toBe("night:2026-11-24");
    // Summer time: 02:00 Paris is 00:00 UTC.
    expect(nightRunKey(parisDateTime("2027-06-15", "02:00"))).toBe("night:2027-06-15");
  });
});

describe("outbox: retry backoff", () => {
  it("doubles from 30 s after each failed attempt and stops growing at one hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(0)).toBe(30_000);
  });
});

describe("the admin screen « Transferts » (R-SYNC-5)", () => {
  const run = {
    id: 1,
    runKey: "night:2026-11-24",
    asOf: parisDateTime("2026-11-24", "02:00"),
    startedAt: parisDateTime("2026-11-24", "02:00"),
    finishedAt: null,
    status: "running",
    triggeredBy: "cli",
    counts: { students: 1200, familyEntries: 31, nonTraitee: 2, opinions: 0, mystery: 1 },
    errors: ["boom"],
  };

  it("R-SYNC-5: says each run's night, state, who started it, and its counts in French, what wrote nothing left out", () => {
    const view = transferRunsView({
      schedule: { cron: "0 2 * * *", timezone: "Europe/Paris" },
      runs: [
        run,
        {
          ...run,
          id: 2,
          runKey: "manual:2026-11-24T10:00:00.000Z",
          status: "succeeded",
          triggeredBy: "Mme Admin",
          finishedAt: parisDateTime("2026-11-24", "10:05"),
          errors: [],
        },
      ],
      outbox: [],
      emailKinds: EMAIL_KINDS,
    });
    const [night, manual] = view.runs;
    expect(night).toMatchObject({
      title: "Nuit du 24/11/2026",
      asOf: "au 24/11/2026 à 02:00",
      finishedAt: "—",
      status: "En cours",
      triggeredBy: "Ligne de commande",
      errors: ["Erreur : boom"],
    });
    expect(night!.counts.map((c) => `${c.label} : ${c.value}`)).toEqual([
      "Saisies des familles (TS) transmises : 31",
      "dont « non traitées » (validées le jour du conseil) : 2",
      `Élèves parcourus : ${(1200).toLocaleString("fr-FR")}`,
      "mystery : 1",
    ]);
    expect(manual).toMatchObject({ title: "Manuel", status: "Terminé", triggeredBy: "Mme Admin" });
    expect(view.schedule).toEqual({ cron: "0 2 * * *", timezone: "Europe/Paris" });
  });

  it("R-SYNC-3: lists every registered e-mail kind with its subject and how many are in the outbox, per status", () => {
    const view = transferRunsView({
      schedule: { cron: "0 2 * * *", timezone: "Europe/Paris" },
      runs: [],
      emailKinds: EMAIL_KINDS,
      outbox: [
        { kind: "decision-published", status: "sent", n: 12 },
        { kind: "decision-published", status: "pending", n: 3 },
        { kind: "intentions-recap", status: "failed", n: 1 },
        { kind: "decision-published", status: "expired", n: 2 },
        { kind: "interview-invitation", status: "sent", n: 4 },
      ],
    });
    expect(view.outboxTotal).toBe("3 en attente, 16 envoyés, 1 en échec, 2 expirés (non partis le jour prévu)");
    expect(view.emailKinds.map((k) => [k.label, k.subject, k.counts])).toEqual([
      ["Récapitulatif de saisie", "[ORIENTATION] Saisie des intentions d'orientation", "1 en échec"],
      ["Modification par l'établissement", "[ORIENTATION] Modification des intentions d'orientation", "aucun"],
      ["Décision d'orientation", "[ORIENTATION] Décision d'orientation", "3 en attente, 12 envoyés, 2 expirés (non partis le jour prévu)"],
      ["Réponse aux propositions", "[ORIENTATION] Réponse aux propositions du conseil de classe", "aucun"],
      ["Accord avec la réponse", "[ORIENTATION] Accord avec la réponse aux propositions du conseil de classe", "aucun"],
      ["Entretien obligatoire", "[ORIENTATION] Entretien obligatoire avec le chef d'établissement", "4 envoyés"],
      ["Création d'un compte", "[ORIENTATION] Votre compte sur le service en ligne Orientation", "aucun"],
      ["Mot de passe oublié", "[ORIENTATION] Choisir un nouveau mot de passe", "aucun"],
      ["Adresse électronique modifiée", "[ORIENTATION] Modification de votre adresse électronique", "aucun"],
      ["Relance des familles", "[ORIENTATION] Rappel : saisie des intentions d'orientation provisoires", "aucun"],
    ]);
    expect(transferRunsView({ schedule: { cron: "", timezone: "" }, runs: [], outbox: [], emailKinds: [] }).outboxTotal).toBe("aucun dans la file.");
  });

  it("every count the transfer writes has a French label, in the order the CLI and the screen list them", () => {
    expect(describeCounts({ decisions: 1, familyEntries: 2 }).map((c) => c.key)).toEqual(["familyEntries", "decisions"]);
    expect(Object.keys(TRANSFER_COUNT_LABELS)).toContain("emailsQueued");
  });

  it("R-AUTH-3: one audit entry per kind the run wrote, with its count (students walked and sessions are not writes of the run)", () => {
    expect(transferAuditEntries({ students: 50, familyEntries: 3, nonTraitee: 1, opinions: 0, emailsQueued: 2, sessionsExpired: 4, emailsSent: 2 })).toEqual([
      { kind: "familyEntries", count: 3, nonTraitee: 1 },
      { kind: "emailsQueued", count: 2 },
    ]);
    expect(transferAuditEntries({})).toEqual([]);
  });
});

describe("the e-mail registry: the one list of kinds", () => {
  it("lists each template once, under its own kind", () => {
    expect(EMAIL_KINDS.map((k) => k.kind).sort()).toEqual(Object.keys(EMAIL_TEMPLATES).sort());
    for (const [kind, template] of Object.entries(EMAIL_TEMPLATES)) expect(template.kind).toBe(kind);
  });
});

describe("the admin home and the development mailbox", () => {
  it("R-AUTH-1: the admin home says the platform's académies, accounts per role and last transfers in French", () => {
    const view = platformHomeView({
      academies: [
        { id: "grenoble", name: "Académie de Grenoble", schools: 2 },
        { id: "lyon", name: "Académie de Lyon", schools: 1 },
      ],
      schools: 3,
      accounts: [
        { role: "guardian", n: 40 },
        { role: "head", n: 3 },
      ],
      runs: [
        { id: 1, startedAt: parisDateTime("2026-11-24", "02:00"), status: "succeeded", dryRun: false },
        { id: 2, startedAt: parisDateTime("2026-11-25", "02:00"), status: "failed", dryRun: true },
      ],
    });
    expect(view.academies.map((a) => a.text)).toEqual(["Académie de Grenoble – 2 établissements", "Académie de Lyon – 1 établissement"]);
    expect(view.schoolsTotal).toBe("3 établissements au total.");
    expect(view.accounts.map((a) => a.text)).toEqual(["Représentants légaux : 40", "Chefs d'établissement : 3"]);
    expect(view.runs.map((r) => r.text)).toEqual(["24/11/2026 à 02:00 – Terminé", "25/11/2026 à 02:00 – En échec (simulation)"]);
    expect(view.noRunsMessage).toBeNull();
    expect(platformHomeView({ academies: [], schools: 0, accounts: [], runs: [] }).noRunsMessage).toBe("Aucun transfert n'a encore eu lieu.");
  });

  it("R-INT-8 (docs/production.md): the development mailbox exists in demo mode only, and says each e-mail's kind and state", () => {
    expect(devMailboxAvailable({ demoMode: false })).toBe(false);
    expect(devMailboxAvailable({ demoMode: true })).toBe(true);
    const view = devMailboxView(
      [
        {
          id: 7,
          kind: "intentions-recap",
          subject: "S",
          toAddress: "a@x.fr",
          fromAddress: "b@x.fr",
          createdAt: parisDateTime("2026-11-23", "10:00"),
          status: "sent",
          sentAt: parisDateTime("2026-11-23", "10:01"),
          lastError: null,
          text: "t",
          html: "<p>t</p>",
        },
      ],
      { "intentions-recap": "Récapitulatif de saisie" },
    );
    expect(view.intro).toMatch(/^Les 1 derniers courriels/);
    expect(view.emails[0]).toMatchObject({ kind: "Récapitulatif de saisie", status: "Envoyé le 23/11/2026 à 10:01", to: "a@x.fr" });
  });
});

describe("the one clock's configuration", () => {
  it("CLOCK_OFFSET_MS is validated with the rest of the configuration: a whole number of milliseconds, 0 by default", () => {
    expect(parseEnv({}).CLOCK_OFFSET_MS).toBe(0);
    expect(parseEnv({ CLOCK_OFFSET_MS: "86400000" }).CLOCK_OFFSET_MS).toBe(86_400_000);
    expect(parseEnv({ CLOCK_OFFSET_MS: "-3600000" }).CLOCK_OFFSET_MS).toBe(-3_600_000);
    expect(() => parseEnv({ CLOCK_OFFSET_MS: "demain" })).toThrow(/CLOCK_OFFSET_MS : doit être un nombre entier de millisecondes/);
    expect(() => parseEnv({ CLOCK_OFFSET_MS: "1.5" })).toThrow(/CLOCK_OFFSET_MS : doit être un nombre entier de millisecondes/);
  });
});

describe("the outbox sender's configuration", () => {
  it("SMTP_POOL_SIZE and OUTBOX_CONCURRENCY: whole numbers, 5 connections and 10 sends at a time by default", () => {
    expect(parseEnv({})).toMatchObject({ SMTP_POOL_SIZE: 5, OUTBOX_CONCURRENCY: 10 });
    expect(parseEnv({ SMTP_POOL_SIZE: "20", OUTBOX_CONCURRENCY: "40" })).toMatchObject({ SMTP_POOL_SIZE: 20, OUTBOX_CONCURRENCY: 40 });
    expect(() => parseEnv({ SMTP_POOL_SIZE: "0" })).toThrow(/SMTP_POOL_SIZE/);
    expect(() => parseEnv({ OUTBOX_CONCURRENCY: "beaucoup" })).toThrow(/OUTBOX_CONCURRENCY/);
  });
});
