import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asRequest } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/policy";
import { seedDemo } from "@/lib/db/seed";
import { FORBIDDEN_FILTER_MESSAGE } from "@/lib/domain/inputs";
import { loadAcademyCalendarPage } from "@/lib/loaders/academy-calendar";
import { loadFamilyStudentPage } from "@/lib/loaders/family-student";
import { loadSchoolDialogueFormsPage } from "@/lib/loaders/school-dialogue-forms";
import { loadSchoolDivisionPage } from "@/lib/loaders/school-division";
import { loadSchoolFamilyAnswersPage } from "@/lib/loaders/school-family-answers";
import { loadFamilySimulationPage } from "@/lib/loaders/school-family-simulation";
import { loadSchoolFollowUpPage } from "@/lib/loaders/school-follow-up";
import { loadSchoolImportPage } from "@/lib/loaders/school-import";
import { loadSchoolStudentListPage } from "@/lib/loaders/school-students";
import { loadSpecialtyPlanningPage } from "@/lib/loaders/specialty-planning";
import { loadStudentHomePage } from "@/lib/loaders/student-home";
import { actorByLogin } from "../support/final-fixtures";
import { pick, type Rng } from "../support/fuzz-inputs";
import { createTestDb, type TestDb } from "../support/test-db";
import { prng } from "@/lib/domain/prng";

/*
 * R-AUTH-1, docs/security-inputs.md: the fuzz test of every page filter. Every loader that reads
 * the query string (the student list, its follow-up, the spécialités, the family answers, the
 * fiches de dialogue, a division's phase, the family page's step, the simulation's guardian and
 * step, the calendar's year) is called as an in-scope actor (lib/auth/guard.ts `asRequest`) with
 * generated parameters: valid values, control characters, 100 kB strings, repeated parameters
 * (arrays), other scopes' ids, SQL and LIKE wildcards. Each returns a view (a refused filter
 * carries the French message) or the 404 — never anything else. Deterministic (seeded PRNG).
 */

const NOW = new Date("2026-11-23T09:00:00Z");
/** FUZZ_SEED explores other inputs (CI keeps the default). */
const SEED = Number(process.env.FUZZ_SEED ?? 1123);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const CASES_PER_LOADER_AND_ACTOR = Math.round(20 * SCALE);

let t: TestDb;
const actors = new Map<string, Actor>();
let studentIds: string[];
let divisionIds: string[];

type Raw = string | string[] | undefined;
const FORBIDDEN = ["\u0000", "Mar\u0000tin", "\u0000' OR 1=1 --", "\u001b[0m", "x\u0007", "\u0085", "final\u0000"];

/** A value of a query-string parameter: valid ones, odd ones, forbidden ones, repeated ones. */
function value(rng: Rng, valid: readonly string[]): Raw {
  const r = rng();
  if (r < 0.3) return pick(rng, valid);
  if (r < 0.45) return pick(rng, FORBIDDEN);
  if (r < 0.55) return [pick(rng, [...valid, ...FORBIDDEN]), pick(rng, [...valid, "x"])];
  if (r < 0.6) return undefined;
  return pick(rng, [
    "",
    " ",
    "%",
    "_",
    "\\",
    "%_%",
    "' OR 1=1 --",
    "é".repeat(100_000),
    "-1",
    "99999999999999999999",
    "NaN",
    "2026-2027",
    "1999-2000",
    "3000-3001",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "=HYPERLINK()",
    "\ud800",
    ...studentIds.slice(0, 3),
    ...divisionIds,
  ]);
}

const LIST_VALUES: Record<string, readonly string[]> = {
  niveau: ["3e", "2GT"],
  phase: ["final", "provisional"],
  choix: ["saisis", "non_saisis"],
  reponse: ["attendue", "acceptee", "refus"],
  accord: ["desaccord"],
  decision: ["decision_prise", "entretien_a_mener", "appel_en_cours", "delai_en_cours"],
  nom: ["Noël", "Da Silva", "d'Arc"],
  prenom: ["Rayan", "Lina"],
  mef: ["20010018110", "10310019110"],
  division: [],
  format: ["csv", "xlsx"],
};

function listParams(rng: Rng): Record<string, Raw> {
  const out: Record<string, Raw> = {};
  for (const [k, valid] of Object.entries(LIST_VALUES)) if (rng() < 0.5) out[k] = value(rng, valid.length ? valid : divisionIds);
  if (rng() < 0.1) out[pick(rng, ["x\u0000", "inconnu", "__proto__"])] = "1";
  return out;
}

const holdsForbidden = (params: Record<string, Raw>) =>
  Object.entries(params).some(([k, v]) =>
    [k, ...(Array.isArray(v) ? v : v === undefined ? [] : [v])].some((s) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s)),
  );

/** The loaders of pages with query-string parameters, each with the actors in its audience and how to call it. */
const LOADERS: { name: string; logins: string[]; call: (rng: Rng, actor: Actor) => { params: Record<string, Raw>; run: () => Promise<unknown> } }[] = [
  {
    name: "liste des élèves",
    logins: ["chef.champollion", "pp.2b", "chef.stendhal"],
    call: (rng) => {
      const params = listParams(rng);
      return { params, run: () => loadSchoolStudentListPage(params) };
    },
  },
  {
    name: "suivi des saisies",
    logins: ["chef.champollion", "pp.2b", "chef.stendhal"],
    call: (rng) => {
      const params = listParams(rng);
      return { params, run: () => loadSchoolFollowUpPage(params) };
    },
  },
  {
    name: "spécialités",
    logins: ["chef.champollion", "pp.2b", "chef.stendhal"],
    call: (rng) => {
      const params = listParams(rng);
      return { params, run: () => loadSpecialtyPlanningPage(params) };
    },
  },
  {
    name: "réponses des familles",
    logins: ["chef.champollion", "pp.2b"],
    call: (rng) => {
      const division = value(rng, divisionIds);
      return { params: { division }, run: () => loadSchoolFamilyAnswersPage(division as string | undefined) };
    },
  },
  {
    name: "fiches de dialogue",
    logins: ["chef.champollion", "pp.2b", "chef.stendhal"],
    call: (rng) => {
      const division = value(rng, divisionIds);
      const annee = value(rng, ["2026-2027", "2025-2026"]);
      return { params: { division, annee }, run: () => loadSchoolDialogueFormsPage(division as string | undefined, annee as string | undefined) };
    },
  },
  {
    name: "division",
    logins: ["chef.champollion", "pp.2b"],
    call: (rng) => {
      const phase = value(rng, ["final", "provisional"]);
      const divisionId = pick(rng, divisionIds);
      return { params: { phase }, run: () => loadSchoolDivisionPage(divisionId, phase) };
    },
  },
  {
    name: "simulation de la page d'une famille",
    logins: ["chef.champollion"],
    call: (rng) => {
      const responsable = value(rng, ["1", "2"]);
      const etape = value(rng, ["intentions", "avis", "choix", "reponse", "decision"]);
      const studentId = pick(rng, studentIds);
      return { params: { responsable, etape }, run: () => loadFamilySimulationPage(studentId, responsable as string | undefined, etape as string | undefined) };
    },
  },
  {
    name: "page d'un élève (famille)",
    logins: ["parent1.noel"],
    call: (rng, actor) => {
      const etape = value(rng, ["intentions", "avis", "choix", "reponse", "decision"]);
      return { params: { etape }, run: () => loadFamilyStudentPage(ownStudent(actor), typeof etape === "string" ? etape : null) };
    },
  },
  {
    name: "accueil de l'élève",
    logins: ["eleve.sacha.roche"],
    call: (rng) => {
      const etape = value(rng, ["intentions", "avis", "choix", "reponse", "decision"]);
      return { params: { etape }, run: () => loadStudentHomePage(typeof etape === "string" ? etape : null) };
    },
  },
  {
    name: "import des données Siècle",
    logins: ["chef.champollion", "chef.stendhal"],
    call: (rng) => {
      const params = { import: value(rng, ["00000000-0000-4000-8000-000000000000"]) };
      return { params, run: () => loadSchoolImportPage(params) };
    },
  },
  {
    name: "calendrier de l'académie",
    logins: ["saio.grenoble"],
    call: (rng) => {
      const annee = value(rng, ["2026-2027", "2025-2026"]);
      return { params: { annee }, run: () => loadAcademyCalendarPage(annee as string | undefined) };
    },
  },
];

const guardianStudents = new Map<string, string>();
const ownStudent = (actor: Actor) => guardianStudents.get(actor.accountId)!;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW);
  for (const login of new Set(LOADERS.flatMap((l) => l.logins))) actors.set(login, await actorByLogin(t.db, login));
  const q = async (text: string) => (await t.db.execute<{ id: string }>(sql.raw(text))).rows.map((r) => r.id);
  studentIds = await q(`select id::text from (select id, row_number() over (partition by division_id order by id) n from students) s where n <= 2`);
  divisionIds = await q(`select id::text from divisions order by id`);
  for (const a of actors.values()) {
    if (a.guardianId)
      guardianStudents.set(a.accountId, (await q(`select student_id::text as id from student_guardians where guardian_id = '${a.guardianId}' limit 1`))[0]!);
  }
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

const isNotFound = (err: unknown) =>
  typeof (err as { digest?: unknown })?.digest === "string" && (err as { digest: string }).digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404");

describe("R-AUTH-1, docs/security-inputs.md: fuzzing every page filter", () => {
  it("every loader with query-string parameters × in-scope actor × generated parameters returns a view or the 404, a refused filter its French message", async () => {
    const rng = prng(SEED);
    const failures: string[] = [];
    const counts = { total: 0, views: 0, notFound: 0, refusedWithMessage: 0 };
    const started = Date.now();
    for (const loader of LOADERS) {
      for (const login of loader.logins) {
        const actor = actors.get(login)!;
        for (let i = 0; i < CASES_PER_LOADER_AND_ACTOR; i++) {
          const { params, run } = loader.call(rng, actor);
          counts.total++;
          const where = `${loader.name} as ${login} with ${JSON.stringify(params).slice(0, 160)}`;
          try {
            const view = await asRequest({ actor, sessionId: "00000000-0000-4000-8000-000000000001", db: t.db, now: NOW }, run);
            counts.views++;
            if (loader.name === "liste des élèves" && holdsForbidden(params)) {
              if ((view as { filterMessage: string | null }).filterMessage === FORBIDDEN_FILTER_MESSAGE) counts.refusedWithMessage++;
              else failures.push(`${where}: no message`);
            }
          } catch (err) {
            if (isNotFound(err)) counts.notFound++;
            else failures.push(`${where}: threw ${String((err as Error)?.message ?? err).slice(0, 200)}`);
          }
          if (failures.length > 20) break;
        }
      }
    }
    console.info(
      `[fuzz-filters] ${LOADERS.length} loaders: ${counts.total} cases (${counts.views} views, ${counts.refusedWithMessage} of them with the refused filter's message, ${counts.notFound} 404) in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(failures).toEqual([]);
    expect(counts.refusedWithMessage).toBeGreaterThan(0);
  }, 300_000);
});
