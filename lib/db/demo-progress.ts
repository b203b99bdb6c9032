import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Actor, StudentScope } from "@/lib/auth/policy";
import type { AuditActor } from "@/lib/audit";
import { endAuthSession, startAuthSession } from "@/lib/auth/session-lifecycle";
import { schoolYearOf } from "@/lib/domain/calendar";
import { candidateKey, reasonTemplates } from "@/lib/domain/decision";
import type { OpinionInput } from "@/lib/domain/opinions";
import { parisDateTime, parisDayKey } from "@/lib/domain/paris-time";
import { silentLog } from "@/lib/log";
import { acknowledgeOpinions } from "@/lib/services/family-acknowledgement";
import { agreeWithAnswer, answerProposals } from "@/lib/services/family-answer";
import { validateFamilyRequest } from "@/lib/services/family-intentions";
import { openCouncil } from "@/lib/services/school-council";
import { recordAppealRequest, recordCommissionDecision, recordInterview, takeDecision } from "@/lib/services/school-decisions";
import { saveDivisionOpinions } from "@/lib/services/school-opinions";
import { saveDivisionProposals } from "@/lib/services/school-proposals";
import { saveSchoolRequest } from "@/lib/services/school-requests";
import { changeOutOfProcedure } from "@/lib/services/school-students";
import { runTransfer } from "@/lib/transfer/run";
import type { Db, Tx } from "./client";
import { buildDemoData, DEMO_ACADEMY_ID, DEMO_2GT_STEPS } from "./demo-accounts";
import { loadFinalOutcomeFacts } from "./repositories/final-outcome";
import { findActor, findStudentScope } from "./repositories/scopes";
import { academies, accounts, divisions, familyPublishedProposals, outboxEmails, schoolRequestItems, schoolRequests, schools, students } from "./schema";

/*
 * The 2GT demo's history (README, «Demo data»): Lycée Champollion's 2A and 2B
 * families at every step of the procedure (DEMO_2GT_STEPS), played THROUGH THE SERVICES the
 * screens and the nightly transfer use, at instants of the past, so that every row carries
 * coherent dates, audit lines and e-mails. Called by seedDemo inside its one transaction (the
 * services' own transactions become savepoints): an interrupted seed leaves nothing, and the next
 * run plays the whole history again.
 *
 * The map (student key → step; the other students of 2A and 2B have nothing entered):
 *   2A (provisional council held; final council planned after the final window closes)
 *   - 2A#0  TS intentions (1G with 4 ranked spécialités, 1T STL option biotechnologies, voie pro 1re pro);
 *           avis Favorable / Réservé / Défavorable with recommandations; acknowledged: final choices to enter now.
 *   - 2A#4  TS intentions (1G with 5 spécialités, Sciences de l'ingénieur «hors établissement»; STMG); avis
 *           published, not acknowledged yet (can acknowledge now).
 *   - 2A#2  intentions entered by the school (paper); avis published; no acknowledgement.
 *   - 2A#6  final choices validated by guardian 2: 1G (3 spécialités), STI2D, STL option SPCL.
 *   - 2A#7  final choices: BT métiers de la musique, S2TMD, 1G (one spécialité outside the lycée).
 *   - 2A#9  paper intentions, acknowledged online; final choices: voie pro (1re pro), STMG.
 *   - 2A#13 hors procédure.
 *   2B (provisional council held; final council open)
 *   - 2B#2  final proposals entered yesterday, not yet published (the next night publishes them).
 *   - 2B#3  proposals published: the family answers now.
 *   - 2B#4  guardian 1 accepted a proposal; guardian 2's agreement awaited.
 *   - 2B#7  answer and agreement given: the head takes the decision.
 *   - 2B#8  decision taken from the agreement, published.
 *   - 2B#10 every proposal refused: the interview is to hold.
 *   - 2B#12 refusal, interview held (disagreement), decision differing from the request with its
 *           three reasons, notified by e-mail, appeal requested.
 *   - 2B#13 the same, then the appeal commission's decision.
 *
 * E-mails: the services queue the e-mails of these past steps in the outbox like any other (recaps,
 * answers, agreements, interview invitations, decisions). They belong to the simulated past, so
 * none may leave now: after each step they are marked 'sent' at the instant they were queued,
 * without a message id (no relay ever saw them) — the development mailbox shows them as the
 * families received them. 'expired' would be wrong: an expired decision notice makes the next
 * night notify the decision again, with a new appeal deadline.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The history spans this many days before `now`; squeezed proportionally early in the school year. */
const HISTORY_DAYS = 71;

export type DemoCalendar = {
  /** An instant `daysBefore` days before now at a Paris wall-clock time (squeezed early in the school year). */
  at: (daysBefore: number, time: string) => Date;
  provisional: { opensAt: Date; closesAt: Date };
  final: { opensAt: Date; closesAt: Date };
  /** The 2GT divisions' councils: 2A and 2B held their provisional one; 2B holds its final one. */
  councils: Record<"2A" | "2B" | "2C", { provisional: Date; final: Date }>;
};

/**
 * The 2GT calendar of the demo: the provisional phase over (it opened ten weeks ago, closed six
 * weeks ago), the final phase open now (it opened five and a half weeks ago, closes in three weeks,
 * within the school year when it can). The history must fall inside the school year of `now`
 * (the services read that year's windows): when `now` is less than 71 days after 1 September, the
 * whole history is squeezed proportionally into the days since 1 September.
 */
export function demoCalendar(now: Date): DemoCalendar {
  const firstYear = Number(schoolYearOf(now).slice(0, 4));
  const yearStart = parisDateTime(`${firstYear}-09-01`, "00:00");
  const yearEnd = parisDateTime(`${firstYear + 1}-08-31`, "20:00");
  const room = now.getTime() - yearStart.getTime() - 60 * 60 * 1000;
  const scale = Math.max(1e-4, Math.min(1, room / (HISTORY_DAYS * DAY_MS)));
  const at = (daysBefore: number, time: string) => {
    const exact = parisDateTime(parisDayKey(new Date(now.getTime() - daysBefore * DAY_MS)), time);
    return new Date(now.getTime() - Math.round(scale * (now.getTime() - exact.getTime())));
  };
  const inDays = (days: number, time: string) => parisDateTime(parisDayKey(new Date(now.getTime() + days * DAY_MS)), time);
  let finalCloses = inDays(21, "20:00");
  if (finalCloses > yearEnd && yearEnd.getTime() > now.getTime() + 2 * DAY_MS) finalCloses = yearEnd;
  // R-FIN-4: the final councils still to hold meet more than 24 h after the family service closes.
  const afterClosing = (days: number) => parisDateTime(parisDayKey(new Date(finalCloses.getTime() + days * DAY_MS)), "17:30");
  return {
    at,
    provisional: { opensAt: at(70, "08:00"), closesAt: at(42, "20:00") },
    final: { opensAt: at(38, "08:00"), closesAt: finalCloses },
    councils: {
      "2A": { provisional: at(52, "17:30"), final: afterClosing(2) },
      "2B": { provisional: at(51, "17:30"), final: at(27, "17:30") },
      // 2C is late: its provisional council is still to come (the e2e open the provisional window for it).
      "2C": { provisional: inDays(7, "17:30"), final: afterClosing(3) },
    },
  };
}

type Item = { track: string; subTrack?: string; freeText?: string; statusSchool?: boolean; statusApprentice?: boolean; specialties?: string[] };
type Avis = [value: "favorable" | "reserve" | "defavorable", comment: string];

const G = (...specialties: string[]): Item => ({ track: "1G", specialties });
const T = (subTrack: string): Item => ({ track: "1T", subTrack });
const BT: Item = { track: "BT_MUSIQUE" };
const PRO = (subTrack: string, freeText: string, statusSchool = true, statusApprentice = false): Item => ({
  track: "VOIE_PRO",
  subTrack,
  freeText,
  statusSchool,
  statusApprentice,
});

/** The provisional intentions (who entered them, when) and the council's avis on each, by rank. */
const PROVISIONAL: Record<string, { by: "g1" | "g2" | "school"; day: number; time: string; items: Item[]; avis: Avis[]; ack?: [day: number, time: string] }> = {
  "2A#0": {
    by: "g1",
    day: 66,
    time: "19:12",
    items: [G("MATHS", "PC", "SVT", "NSI"), T("STL_BIO"), PRO("1PRO", "Métiers du laboratoire")],
    avis: [
      ["favorable", "Spécialités : Mathématiques et Physique-chimie recommandées en rangs 1 et 2 ; SVT à confirmer au second semestre."],
      ["reserve", "La série STL option biotechnologies est envisageable : un travail plus régulier en physique-chimie est attendu."],
      ["defavorable", "Le projet professionnel reste à construire : un mini-stage en lycée professionnel est conseillé."],
    ],
    ack: [49, "19:05"],
  },
  "2A#4": {
    by: "g1",
    day: 65,
    time: "20:41",
    items: [G("MATHS", "SES", "HGGSP", "SI", "LLCER"), T("STMG")],
    avis: [
      [
        "favorable",
        "Spécialités : Sciences de l'ingénieur n'est pas enseignée au lycée Champollion (demande à formuler auprès d'un autre lycée) ; Mathématiques conseillée en rang 1.",
      ],
      ["favorable", "Bon profil pour la série STMG."],
    ],
  },
  "2A#2": {
    by: "school",
    day: 58,
    time: "10:20",
    items: [G("SVT", "PC", "MATHS", "SES"), T("ST2S")],
    avis: [
      ["reserve", "Spécialités : les résultats en mathématiques sont fragiles ; SES plutôt que Mathématiques en rang 3."],
      ["favorable", "La série ST2S correspond au projet exprimé."],
    ],
  },
  "2A#6": {
    by: "g2",
    day: 64,
    time: "18:05",
    items: [G("PC", "MATHS", "SVT", "HGGSP"), T("STI2D")],
    avis: [
      ["reserve", "Spécialités : Physique-chimie en rang 1 à confirmer ; des efforts sont attendus en mathématiques."],
      ["favorable", "Série STI2D : très bon investissement en sciences et technologie."],
    ],
    ack: [48, "20:00"],
  },
  "2A#7": {
    by: "g1",
    day: 63,
    time: "21:30",
    items: [BT, G("HLP", "LLCER", "ARTS_PLASTIQUES", "SES")],
    avis: [
      ["favorable", "Pratique musicale soutenue : dossier et audition du conservatoire à préparer."],
      ["favorable", "Spécialités : HLP et LLCER en rangs 1 et 2 conviennent au profil littéraire."],
    ],
    ack: [48, "21:10"],
  },
  "2A#9": {
    by: "school",
    day: 58,
    time: "10:40",
    items: [PRO("2PRO", "Métiers de la relation client", true, true), T("STMG")],
    avis: [
      ["favorable", "Projet réfléchi : un stage d'observation en lycée professionnel est conseillé avant les choix définitifs."],
      ["reserve", "Série STMG : les résultats sont irréguliers."],
    ],
    ack: [47, "18:00"],
  },
  "2B#2": {
    by: "g1",
    day: 66,
    time: "20:15",
    items: [G("MATHS", "PC", "NSI", "SVT"), T("STI2D")],
    avis: [
      ["favorable", "Spécialités : Mathématiques, Physique-chimie et NSI cohérentes avec le projet."],
      ["favorable", "Série STI2D envisageable."],
    ],
    ack: [49, "18:30"],
  },
  "2B#3": {
    by: "g1",
    day: 65,
    time: "19:00",
    items: [G("SES", "HGGSP", "MATHS", "LLCER")],
    avis: [["favorable", "Spécialités : SES et HGGSP en rangs 1 et 2 ; les mathématiques sont un atout."]],
    ack: [49, "20:10"],
  },
  "2B#4": {
    by: "g1",
    day: 64,
    time: "21:10",
    items: [G("SVT", "PC", "MATHS", "HLP"), T("ST2S")],
    avis: [
      ["reserve", "Spécialités : les résultats en physique-chimie ne permettent pas encore de la retenir en rang 2."],
      ["favorable", "La série ST2S correspond au projet dans le domaine de la santé."],
    ],
    ack: [48, "19:15"],
  },
  "2B#7": {
    by: "g1",
    day: 63,
    time: "18:45",
    items: [T("STMG"), G("SES", "HGGSP", "HLP", "LLCER")],
    avis: [
      ["favorable", "Série STMG : projet solide."],
      ["reserve", "Spécialités : SES à consolider."],
    ],
    ack: [48, "18:20"],
  },
  "2B#8": {
    by: "g2",
    day: 62,
    time: "20:00",
    items: [G("MATHS", "PC", "SVT", "NSI")],
    avis: [["favorable", "Spécialités : excellent trimestre, les quatre spécialités sont cohérentes."]],
    ack: [47, "20:40"],
  },
  "2B#10": {
    by: "g1",
    day: 61,
    time: "19:30",
    items: [G("MATHS", "PC", "SVT", "SES"), T("STL_BIO")],
    avis: [
      ["reserve", "Spécialités : des difficultés en mathématiques ; SVT et SES plutôt qu'une spécialité scientifique de plus."],
      ["favorable", "Série STL option biotechnologies : bon investissement en travaux pratiques."],
    ],
    ack: [47, "19:00"],
  },
  "2B#12": {
    by: "g1",
    day: 60,
    time: "20:20",
    items: [G("MATHS", "PC", "SVT", "HGGSP"), T("STMG")],
    avis: [
      ["defavorable", "Spécialités : les résultats en mathématiques et en physique-chimie sont très insuffisants."],
      ["favorable", "Série STMG : profil adapté."],
    ],
    ack: [46, "18:50"],
  },
  "2B#13": {
    by: "g1",
    day: 60,
    time: "21:05",
    items: [G("SES", "MATHS", "HLP", "LLCER"), T("STMG")],
    avis: [
      ["reserve", "Spécialités : Mathématiques fragile ; HLP conseillée en rang 2."],
      ["favorable", "Série STMG envisageable."],
    ],
    ack: [46, "20:15"],
  },
};

/** The final choices, validated online by the holder of the provisional phase (or guardian 2). */
const FINAL: Record<string, { by: "g1" | "g2"; day: number; time: string; items: Item[] }> = {
  "2A#6": { by: "g2", day: 33, time: "19:40", items: [G("MATHS", "PC", "SVT"), T("STI2D"), T("STL_SPCL")] },
  "2A#7": { by: "g1", day: 32, time: "20:05", items: [BT, T("S2TMD"), G("HLP", "LLCER", "ARTS_MUSIQUE")] },
  "2A#9": { by: "g1", day: 31, time: "18:30", items: [PRO("1PRO", "Métiers du commerce et de la vente"), T("STMG")] },
  "2B#2": { by: "g1", day: 36, time: "20:00", items: [G("MATHS", "PC", "NSI"), T("STI2D")] },
  "2B#3": { by: "g1", day: 35, time: "19:20", items: [G("SES", "HGGSP", "LLCER"), T("STMG")] },
  "2B#4": { by: "g1", day: 35, time: "21:00", items: [G("SVT", "MATHS", "HLP"), T("ST2S")] },
  "2B#7": { by: "g1", day: 34, time: "18:10", items: [T("STMG"), G("SES", "HGGSP", "LLCER")] },
  "2B#8": { by: "g2", day: 34, time: "20:30", items: [G("MATHS", "PC", "SVT")] },
  "2B#10": { by: "g1", day: 33, time: "21:15", items: [G("MATHS", "SVT", "SES"), T("STL_BIO")] },
  "2B#12": { by: "g1", day: 32, time: "19:00", items: [G("MATHS", "PC", "HGGSP"), T("STMG")] },
  "2B#13": { by: "g1", day: 31, time: "20:45", items: [G("SES", "MATHS", "HLP"), T("STMG")] },
};

/** The 2B council's «Oui»/«Non» on each final choice, by rank, with its motivation. */
const PROPOSALS: Record<string, [answer: "yes" | "no", motivation: string | null][]> = {
  "2B#2": [
    ["yes", null],
    ["yes", null],
  ],
  "2B#3": [
    ["yes", "Spécialités cohérentes avec les résultats."],
    ["yes", null],
  ],
  "2B#4": [
    ["no", "Les résultats en sciences ne permettent pas la 1re générale avec ces spécialités."],
    ["yes", null],
  ],
  "2B#7": [
    ["yes", null],
    ["yes", null],
  ],
  "2B#8": [["yes", "Très bon dossier."]],
  "2B#10": [
    ["no", "Résultats insuffisants en mathématiques."],
    ["yes", null],
  ],
  "2B#12": [
    ["no", "Résultats très insuffisants dans les spécialités scientifiques demandées."],
    ["yes", null],
  ],
  "2B#13": [
    ["no", "Les résultats ne permettent pas d'envisager la 1re générale."],
    ["yes", null],
  ],
};

export type DemoHistoryCounts = { steps: number; nights: number };

/**
 * Plays the 2GT history on the freshly seeded demo (same transaction). Returns null, doing
 * nothing, when the database holds another académie: the nights walk every student of the
 * database, and a demo must never move real files.
 */
export async function playDemoHistory(tx: Tx, now: Date): Promise<DemoHistoryCounts | null> {
  const others = await tx
    .select({ id: academies.id })
    .from(academies)
    .where(sql`${academies.id} <> ${DEMO_ACADEMY_ID}`)
    .limit(1);
  if (others.length > 0) return null;

  const db = tx as unknown as Db;
  const cal = demoCalendar(now);
  const data = buildDemoData();
  const [lycee] = data.schools.filter((s) => s.key === "champollion");
  const firstOutboxId = (await tx.select({ id: sql<number>`coalesce(max(${outboxEmails.id}), 0)::bigint` }).from(outboxEmails))[0]!.id;
  const demoAddresses = data.guardians.flatMap((g) => (g.email ? [g.email] : []));
  let steps = 0;
  let nights = 0;

  // Who is who: students by key, accounts by login, the staff's audit names.
  const byKey = new Map(data.students.map((s) => [s.key, s]));
  const studentRows = await tx
    .select({ id: students.id, ine: students.ine, divisionId: students.divisionId })
    .from(students)
    .where(
      inArray(
        students.ine,
        [...new Set([...Object.keys(PROVISIONAL), ...Object.keys(DEMO_2GT_STEPS)])].map((k) => byKey.get(k)!.ine),
      ),
    );
  const idOf = (key: string) => studentRows.find((r) => r.ine === byKey.get(key)!.ine)!.id;
  const divisionRows = await tx
    .select({ id: divisions.id, code: divisions.code })
    .from(divisions)
    .innerJoin(schools, eq(schools.id, divisions.schoolId))
    .where(eq(schools.uai, lycee!.uai));
  const divisionOf = (code: string) => divisionRows.find((d) => d.code === code)!.id;
  const logins = [lycee!.head.login, ...lycee!.divisions.map((d) => d.homeroom.login), ...data.guardians.map((g) => g.login)];
  const accountRows = await tx.select({ id: accounts.id, login: accounts.login }).from(accounts).where(inArray(accounts.login, logins));
  const accountId = (login: string) => accountRows.find((a) => a.login === login)!.id;
  const staff = async (login: string): Promise<AuditActor> => {
    const a = (await findActor(tx, accountId(login)))!;
    return { accountId: a.accountId, displayName: a.displayName };
  };
  const head = await staff(lycee!.head.login);
  const homeroom = { "2A": await staff("pp.2a"), "2B": await staff("pp.2b") };
  const guardianLogin = (key: string, who: "g1" | "g2") => data.guardians.find((g) => g.key === byKey.get(key)!.guardianKeys[who === "g1" ? 0 : 1])!.login;

  const actors = new Map<string, Actor>();
  const familyActor = async (key: string, who: "g1" | "g2", at: Date) => {
    const id = accountId(guardianLogin(key, who));
    if (!actors.has(id)) actors.set(id, (await findActor(tx, id))!);
    return { actor: actors.get(id)!, scope: (await findStudentScope(tx, idOf(key), at))! };
  };
  /** A guardian acts on the family page. */
  const act = async <T>(key: string, who: "g1" | "g2", at: Date, fn: (actor: Actor, scope: StudentScope) => Promise<T>) => {
    const { actor, scope } = await familyActor(key, who, at);
    const result = await fn(actor, scope);
    steps++;
    return result;
  };
  /** A guardian validates a request in a session of their own: its end queues the recap e-mails (R-INT-8). */
  const validate = async (key: string, who: "g1" | "g2", at: Date, phase: "provisional" | "final", intentions: Item[]) => {
    const { actor, scope } = await familyActor(key, who, at);
    const sessionId = await startAuthSession(db, actor.accountId, new Date(at.getTime() - 6 * 60_000), 30);
    await validateFamilyRequest(db, { actor, scope, sessionId, phase, intentions, now: at });
    await endAuthSession(db, sessionId, "logout", new Date(at.getTime() + 2 * 60_000));
    steps++;
  };
  /** The e-mails of the simulated past: marked sent when queued, never handed to a relay (see above). */
  const settleOutbox = async () => {
    await tx
      .update(outboxEmails)
      .set({ status: "sent", sentAt: sql`${outboxEmails.createdAt}`, attempts: 1 })
      .where(and(gt(outboxEmails.id, firstOutboxId), eq(outboxEmails.status, "pending"), inArray(outboxEmails.toAddress, demoAddresses)));
  };
  /** A night of the transfer (R-SYNC), through its one entry point, at 02:00 Paris of that day. */
  const night = async (daysBefore: number) => {
    const at = cal.at(daysBefore, "02:00");
    const r = await runTransfer({ db, now: at, asOf: at, log: silentLog, triggeredBy: "Données de démonstration", runKey: `demo:${at.toISOString()}` });
    if (r.status !== "succeeded")
      throw new Error(
        `données de démonstration : le transfert du ${at.toISOString()} n'a pas abouti (${r.status === "skipped" ? r.reason : r.errors.join(" ; ")})`,
      );
    nights++;
    await settleOutbox();
  };
  const itemIds = async (key: string, phase: "provisional" | "final") =>
    (
      await tx
        .select({ id: schoolRequestItems.id, rank: schoolRequestItems.rank })
        .from(schoolRequestItems)
        .innerJoin(schoolRequests, eq(schoolRequests.id, schoolRequestItems.requestId))
        .where(and(eq(schoolRequests.studentId, idOf(key)), eq(schoolRequests.phase, phase)))
    )
      .sort((a, b) => a.rank - b.rank)
      .map((r) => r.id);
  const decisionSeen = async (key: string, at: Date) =>
    (await loadFinalOutcomeFacts(tx, [idOf(key)], at)).get(idOf(key))!.decisionUpdatedAt?.toISOString() ?? null;

  // ── Provisional phase ──────────────────────────────────────────────────────────────────────
  // R-SCH-12: a student who leaves the procedure (special path).
  await changeOutOfProcedure(
    db,
    head,
    { studentId: idOf("2A#13"), reason: "Départ à l'étranger en cours d'année : scolarité au CNED réglementé." },
    cal.at(68, "10:00"),
  );
  steps++;
  // R-INT-1..7 / R-2GT-2: intentions validated online; R-SCH-1: the paper forms entered by the school.
  for (const [key, p] of Object.entries(PROVISIONAL)) {
    const at = cal.at(p.day, p.time);
    if (p.by === "school") {
      await saveSchoolRequest(db, head, { studentId: idOf(key), items: p.items, confirmed: false, phase: "provisional" }, at);
      steps++;
    } else {
      await validate(key, p.by, at, "provisional", p.items);
    }
  }
  await settleOutbox();
  await night(55); // R-SCH-2: the online intentions reach the back-office, marked TS.
  // R-SCH-3 / R-SCH-7: the provisional councils, their avis entered by the homeroom teachers.
  for (const code of ["2A", "2B"] as const) {
    await openCouncil(db, head, { divisionId: divisionOf(code), phase: "provisional" }, cal.councils[code].provisional);
    const entries: OpinionInput[] = [];
    for (const [key, p] of Object.entries(PROVISIONAL).filter(([k]) => k.startsWith(code))) {
      const ids = await itemIds(key, "provisional");
      entries.push(...p.avis.map(([value, comment], i) => ({ itemId: ids[i]!, value, comment })));
    }
    await saveDivisionOpinions(db, homeroom[code], { divisionId: divisionOf(code), entries }, new Date(cal.councils[code].provisional.getTime() + 60 * 60_000));
    steps += 2;
  }
  await night(50); // R-SCH-7: the avis are published.
  // R-ACK-1: acknowledgements (2A#2, 2A#4: not yet).
  for (const [key, p] of Object.entries(PROVISIONAL)) {
    if (!p.ack) continue;
    const at = cal.at(...p.ack);
    await act(key, "g1", at, (actor, scope) => acknowledgeOpinions(db, { actor, scope, now: at }));
  }
  await night(44); // R-ACK-2

  // ── Final phase ────────────────────────────────────────────────────────────────────────────
  // R-FIN-1..3 / R-2GT-3: final choices validated online.
  for (const [key, f] of Object.entries(FINAL)) {
    const at = cal.at(f.day, f.time);
    await validate(key, f.by, at, "final", f.items);
  }
  await settleOutbox();
  await night(29); // R-SYNC-1: the final choices reach the back-office.
  // R-SCH-3 / R-FIN-5: 2B's final council, its proposals (2B#2's are entered yesterday evening, below).
  await openCouncil(db, head, { divisionId: divisionOf("2B"), phase: "final" }, cal.councils["2B"].final);
  const proposalsOf = async (keys: string[]) => {
    const out = [];
    for (const key of keys) {
      const ids = await itemIds(key, "final");
      out.push({ studentId: idOf(key), answers: PROPOSALS[key]!.map(([answer, motivation], i) => ({ itemId: ids[i]!, answer, motivation })), extras: [] });
    }
    return out;
  };
  await saveDivisionProposals(
    db,
    homeroom["2B"],
    { divisionId: divisionOf("2B"), students: await proposalsOf(Object.keys(PROPOSALS).filter((k) => k !== "2B#2")) },
    new Date(cal.councils["2B"].final.getTime() + 45 * 60_000),
  );
  steps += 2;
  await night(26); // R-SYNC-2: the proposals are published.

  // R-FIN-6 / R-FIN-7: answers and agreements.
  const published = async (key: string) =>
    tx
      .select({ id: familyPublishedProposals.id, answer: familyPublishedProposals.answer, track: familyPublishedProposals.track })
      .from(familyPublishedProposals)
      .where(eq(familyPublishedProposals.studentId, idOf(key)));
  // The holder of the final phase answers (R-FIN-6); the other guardian says whether they agree (R-FIN-7).
  const holder = (key: string) => FINAL[key]!.by;
  const other = (key: string) => (holder(key) === "g1" ? "g2" : "g1");
  const acceptFirstYes = async (key: string, day: number, time: string) => {
    const yes = (await published(key)).filter((p) => p.answer === "yes");
    const at = cal.at(day, time);
    await act(key, holder(key), at, (actor, scope) =>
      answerProposals(db, { actor, scope, answer: { kind: "accept", acceptedProposalIds: [yes[0]!.id] }, now: at }),
    );
  };
  const refuseAll = async (key: string, day: number, time: string) => {
    const at = cal.at(day, time);
    await act(key, holder(key), at, (actor, scope) => answerProposals(db, { actor, scope, answer: { kind: "refuse_all" }, now: at }));
  };
  const agree = async (key: string, day: number, time: string) => {
    const at = cal.at(day, time);
    await act(key, other(key), at, (actor, scope) => agreeWithAnswer(db, { actor, scope, agrees: true, now: at }));
  };
  await acceptFirstYes("2B#4", 25, "19:00");
  await acceptFirstYes("2B#7", 25, "20:00");
  await agree("2B#7", 24, "19:30");
  await acceptFirstYes("2B#8", 24, "18:00");
  await agree("2B#8", 23, "20:00");
  await refuseAll("2B#10", 23, "19:00");
  await refuseAll("2B#12", 24, "20:30");
  await refuseAll("2B#13", 24, "21:00");
  await night(22); // R-SYNC-1: answers and agreements reach the back-office; R-FIN-9: the interview invitations.

  // R-FIN-8: the decision from the family's agreement.
  const decisionAt = cal.at(20, "11:00");
  const [accepted8] = (await published("2B#8")).filter((p) => p.answer === "yes");
  await takeDecision(
    db,
    head,
    { studentId: idOf("2B#8"), candidateKey: candidateKey({ track: accepted8!.track, subTrack: "" }), reasons: null, seenUpdatedAt: null, confirmed: false },
    decisionAt,
  );
  steps++;
  // R-FIN-9 / R-FIN-11: the interview (disagreement maintained), then the head's reasoned decision.
  for (const key of ["2B#12", "2B#13"]) {
    const s = byKey.get(key)!;
    const heldAt = cal.at(20, key === "2B#12" ? "09:00" : "09:45");
    await recordInterview(
      db,
      head,
      {
        studentId: idOf(key),
        heldAt,
        participants: `${head.displayName}, ${data.guardians.find((g) => g.key === s.guardianKeys[0])!.civility} ${data.guardians.find((g) => g.key === s.guardianKeys[0])!.lastName}, ${s.firstName} ${s.lastName}`,
        outcome: "disagreement",
        agreedCandidateKey: null,
        notes: "La famille maintient sa demande de 1re générale.",
        seenUpdatedAt: null,
      },
      new Date(heldAt.getTime() + 30 * 60_000),
    );
    const reasons = reasonTemplates({ studentFirstName: s.firstName, decision: "1re technologique série STMG", request: "1re générale" });
    await takeDecision(
      db,
      head,
      { studentId: idOf(key), candidateKey: candidateKey({ track: "1T", subTrack: "STMG" }), reasons, seenUpdatedAt: null, confirmed: false },
      cal.at(20, key === "2B#12" ? "11:30" : "11:45"),
    );
    steps += 2;
  }
  await night(19); // R-FIN-11: the decisions are published and notified by e-mail (the appeal deadline runs).
  // R-FIN-9: the appeals, the day after the notice.
  for (const key of ["2B#12", "2B#13"]) {
    const at = cal.at(18, "10:00");
    await recordAppealRequest(db, head, { studentId: idOf(key), requestedOn: parisDayKey(at), seenUpdatedAt: await decisionSeen(key, at) }, at);
    steps++;
  }
  // The commission's decision (for 2B#13): it grants the family's request.
  const commissionAt = cal.at(12, "16:00");
  await recordCommissionDecision(
    db,
    head,
    {
      studentId: idOf("2B#13"),
      commissionDate: parisDayKey(commissionAt),
      candidateKey: candidateKey({ track: "1G", subTrack: "" }),
      notes: "La commission d'appel accorde la 1re générale (spécialités SES, Mathématiques, HLP).",
      seenUpdatedAt: await decisionSeen("2B#13", commissionAt),
      confirmed: true,
    },
    commissionAt,
  );
  steps++;
  await night(11); // R-SYNC-2: the commission's decision is published.

  // R-FIN-5: 2B#2's proposals, entered yesterday evening: the next night publishes them.
  await saveDivisionProposals(db, homeroom["2B"], { divisionId: divisionOf("2B"), students: await proposalsOf(["2B#2"]) }, cal.at(1, "18:00"));
  steps++;
  await settleOutbox();
  // The transfer's batches relax synchronous_commit for their own transaction: the seed's commit waits for its WAL again.
  await tx.execute(sql`select set_config('synchronous_commit', 'on', true)`);
  return { steps, nights };
}
