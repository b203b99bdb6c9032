import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formDataToObject, registeredActions, runAction, type ActionDefinition, type ActionResult } from "@/lib/actions/define-action";
import { authorizeScope, type ResourceRef } from "@/lib/auth/guard";
import { NotFoundError, type Actor } from "@/lib/auth/policy";
import type { SignedIn } from "@/lib/auth/signed-in";
import type { Db } from "@/lib/db/client";
import { seedDemo } from "@/lib/db/seed";
import { hasForbiddenCharacters } from "@/lib/domain/inputs";
import { actorByLogin } from "../support/final-fixtures";
import { IMPOSSIBLE_DATES, parses, pathsOf, pick, plausible, replacements, withAt, type IdPool, type Rng } from "../support/fuzz-inputs";
import { createTestDb, type TestDb } from "../support/test-db";
import { prng } from "@/lib/domain/prng";

/*
 * R-AUTH-1, docs/security-inputs.md: the shape-aware fuzz test of every server action. For every
 * action registered by defineAction (each lib/actions module is imported), several actors (a
 * guardian, a student, a homeroom teacher, the head of the lycée and the head of the other school,
 * a saio, an admin) send inputs derived from the action's zod schema with one or two nodes
 * replaced by a wrong value (wrong types, missing fields, control characters, 100 kB strings,
 * impossible dates, other scopes' ids, huge numbers, arrays for strings, deep nesting).
 *
 * - An input the action must refuse (a forbidden character, an impossible date, a schema it does
 *   not meet, or an actor out of scope) runs on the database itself: the answer is the 404 or a
 *   refusal with a French message, never an exception or "UNEXPECTED", and no row of any table changes.
 * - An input the schema accepts from an actor in scope may legitimately write: it runs inside a
 *   transaction rolled back afterwards, and must still never throw nor answer "UNEXPECTED".
 * Deterministic (seeded PRNG); the number of cases is printed.
 */

const NOW = new Date("2026-11-23T09:00:00Z");
/** FUZZ_SEED explores other inputs (CI keeps the default). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
/** Cases per action and actor (FUZZ_SCALE multiplies them, e.g. 10 for a long run). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const CASES_IN_SCOPE = Math.round(80 * SCALE);
const CASES_OUT_OF_SCOPE = Math.round(8 * SCALE);
const ACTOR_LOGINS = ["parent1.noel", "eleve.sacha.roche", "pp.2b", "chef.champollion", "chef.stendhal", "saio.grenoble", "admin"] as const;

let t: TestDb;
let actors: { login: string; signedIn: SignedIn }[];
let ids: IdPool;

/** Per table, a checksum of every row (md5 of the rows' text, in order). */
async function checksums(db: Db): Promise<Record<string, string>> {
  const tables = await db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await db.execute<{ sum: string | null; n: number }>(
      sql`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum, count(*)::int as n from ${sql.identifier(name)} x`,
    );
    out[name] = `${r.rows[0]!.n}:${r.rows[0]!.sum}`;
  }
  return out;
}

class Rollback extends Error {}

type Outcome = { kind: "not_found" } | { kind: "result"; result: ActionResult<unknown> } | { kind: "thrown"; error: unknown };

async function run(def: ActionDefinition, signedIn: SignedIn, raw: unknown, db: Db, rollback: boolean): Promise<Outcome> {
  const once = async (q: Db): Promise<Outcome> => {
    try {
      return { kind: "result", result: await runAction(def, signedIn, raw, q, NOW) };
    } catch (error) {
      if (error instanceof NotFoundError) return { kind: "not_found" };
      return { kind: "thrown", error };
    }
  };
  if (!rollback) return once(db);
  let outcome: Outcome | undefined;
  try {
    await db.transaction(async (tx) => {
      outcome = await once(tx as unknown as Db);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) return { kind: "thrown", error: err };
  }
  return outcome!;
}

/** Any string of the input holding a forbidden character (keys included). */
function holdsForbidden(v: unknown): boolean {
  if (typeof v === "string") return hasForbiddenCharacters(v);
  if (Array.isArray(v)) return v.some(holdsForbidden);
  if (v && typeof v === "object" && !(v instanceof File)) return Object.entries(v).some(([k, x]) => hasForbiddenCharacters(k) || holdsForbidden(x));
  return false;
}

const FRENCH = /[a-zàâçéèêëîïôûùüœ]/i;
const LEAK = /Failed query|select |insert |update |violates|syntax|TypeError|undefined|null|Error:|\bat \//i;

/** One input for an action: a plausible value with one or two nodes replaced; sometimes the whole input, or a FormData. */
function generate(def: ActionDefinition, rng: Rng, pool: IdPool): { raw: unknown; kinds: string[]; forbidden: boolean; impossibleDate: boolean } {
  let value = plausible(def.schema, rng, pool);
  const kinds: string[] = [];
  const times = rng() < 0.25 ? 2 : 1;
  for (let i = 0; i < times; i++) {
    const paths = pathsOf(value);
    const p = rng() < 0.05 ? [] : pick(rng, paths.length > 1 ? paths.slice(1) : paths);
    const m = pick(rng, replacements(rng, pool));
    value = withAt(value, p, m.value);
    kinds.push(`${m.kind}@${p.join(".") || "(input)"}`);
  }
  // What the final input holds decides what the action must do (a later mutation may undo an earlier one).
  const verdict = { forbidden: holdsForbidden(value), impossibleDate: holdsImpossibleDate(value) };
  if (rng() < 0.08 && value && typeof value === "object" && !Array.isArray(value)) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(value)) if (v !== undefined) fd.append(k, v instanceof File ? v : typeof v === "string" ? v : JSON.stringify(v));
    if (rng() < 0.5) {
      fd.append("note\u0000", "x");
      verdict.forbidden = true;
    }
    return { raw: fd, kinds: [...kinds, "FormData"], ...verdict };
  }
  return { raw: value, kinds, ...verdict };
}

/** Whether a date field of the input (…At, …On, …Date, day; not a form's version) holds a day or time that does not exist. */
function holdsImpossibleDate(v: unknown, key = ""): boolean {
  // seenUpdatedAt is the version a form showed (compared, never read as a date).
  if (typeof v === "string") return /(At|On|Date|^day)$/.test(key) && !/^seen/.test(key) && IMPOSSIBLE_DATES.has(v);
  if (Array.isArray(v)) return v.some((x) => holdsImpossibleDate(x, key));
  if (v && typeof v === "object" && !(v instanceof File)) return Object.entries(v).some(([k, x]) => holdsImpossibleDate(x, k));
  return false;
}

const scopeCache = new Map<string, { mayAct: boolean; own: string[] }>();

/**
 * Whether this actor may act with this action's permission at all, and the resource ids of the
 * pool it may act on (most of its cases use them, so that the schema and the handler are reached).
 */
async function inScope(def: ActionDefinition, login: string, actor: Actor): Promise<{ mayAct: boolean; own: string[] }> {
  const key = `${login}|${def.permission}|${def.resource.type}|${"from" in def.resource}`;
  const cached = scopeCache.get(key);
  if (cached) return cached;
  const allowed = async (ref: ResourceRef) =>
    authorizeScope(t.db, actor, def.permission, ref, NOW).then(
      () => true,
      (err) => {
        if (err instanceof NotFoundError) return false;
        throw err;
      },
    );
  const own: string[] = [];
  let mayAct: boolean;
  if ("from" in def.resource) {
    for (const id of ids.resourceIds) if (await allowed({ type: def.resource.type, id } as ResourceRef)) own.push(id);
    mayAct = own.length > 0;
  } else {
    mayAct = await allowed({ type: def.resource.type } as ResourceRef);
  }
  const out = { mayAct, own };
  scopeCache.set(key, out);
  return out;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, NOW);
  const dir = path.join(process.cwd(), "lib/actions");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "define-action.ts")) await import(/* @vite-ignore */ path.join(dir, f));
  actors = [];
  for (const login of ACTOR_LOGINS) {
    const actor: Actor = await actorByLogin(t.db, login);
    actors.push({ login, signedIn: { actor, sessionId: "00000000-0000-4000-8000-000000000001" } });
  }
  // Ids of every scope: the students and divisions of both schools (the actors' own and others'),
  // and ids of other kinds (items, proposals, guardians, accounts) for the other uuid fields.
  const q = async (text: string) => (await t.db.execute<{ id: string }>(sql.raw(text))).rows.map((r) => r.id);
  const studentIds = await q(`select id::text from (select id, row_number() over (partition by division_id order by id) n from students) s where n <= 3`);
  const divisionIds = await q(`select id::text from divisions`);
  const others: string[] = [];
  for (const table of ["guardians", "accounts", "council_proposals", "school_request_items", "family_request_items", "schools"]) {
    const exists = (await t.db.execute<{ n: number }>(sql`select count(*)::int n from information_schema.tables where table_name = ${table}`)).rows[0]!.n;
    if (exists) others.push(...(await q(`select id::text from ${table} order by id limit 6`)));
  }
  ids = { resourceIds: [...studentIds, ...divisionIds], otherIds: [...others, ...studentIds.slice(0, 4)] };
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe("R-AUTH-1, docs/security-inputs.md: fuzzing every server action", () => {
  it("every registered action × actor × generated input is refused (404 or a French message) or, when valid, never fails; no row changes", async () => {
    const defs = registeredActions();
    expect(defs.length).toBeGreaterThanOrEqual(30);
    const rng = prng(SEED);
    const failures: string[] = [];
    const counts = { total: 0, refused: 0, notFound: 0, validRolledBack: 0, skipped: 0 };
    const started = Date.now();
    const before = await checksums(t.db);
    for (const def of defs) {
      for (const { login, signedIn } of actors) {
        const scope = await inScope(def, login, signedIn.actor);
        // Out-of-scope pairs are all the 404 (a few cases check it); in-scope pairs get the bulk.
        const n = scope.mayAct ? CASES_IN_SCOPE : CASES_OUT_OF_SCOPE;
        for (let i = 0; i < n; i++) {
          const c = generate(def, rng, scope.own.length > 0 && rng() < 0.85 ? { ...ids, resourceIds: scope.own } : ids);
          const schemaOk = parses(def.schema, c.raw instanceof FormData ? formDataToObject(c.raw) : c.raw);
          const mustRefuse = c.forbidden || c.impossibleDate || !schemaOk;
          // A valid input of the manual transfer (or a school's, R-OVS-4) would start one on the real database: out of the fuzz.
          if (!mustRefuse && (def.name === "sync.start" || def.name === "school.transfer.start")) {
            counts.skipped++;
            continue;
          }
          counts.total++;
          const outcome = await run(def, signedIn, c.raw, t.db, !mustRefuse);
          const where = `${def.name} as ${login} (${c.kinds.join(", ")})`;
          if (outcome.kind === "thrown") {
            failures.push(`${where}: threw ${String((outcome.error as Error)?.message ?? outcome.error).slice(0, 200)}`);
          } else if (outcome.kind === "not_found") {
            counts.notFound++;
          } else if (outcome.result.ok) {
            if (mustRefuse) failures.push(`${where}: accepted`);
            else counts.validRolledBack++;
          } else {
            const { code, message } = outcome.result;
            if (code === "UNEXPECTED") failures.push(`${where}: UNEXPECTED`);
            else if (!FRENCH.test(message) || LEAK.test(message)) failures.push(`${where}: message ${message.slice(0, 120)}`);
            // A day or time that does not exist is refused as such (never rolled over to a real one and refused for another reason).
            else if (
              c.impossibleDate &&
              !c.forbidden &&
              schemaOk &&
              !/invalide|pas valide|Saisissez la date/i.test(`${message} ${JSON.stringify(outcome.result.fieldErrors ?? {})}`)
            )
              failures.push(`${where}: an impossible date refused as «${message.slice(0, 120)}»`);
            else if (mustRefuse) counts.refused++;
            else counts.validRolledBack++;
          }
          if (failures.length > 20) break;
        }
      }
      const after = await checksums(t.db);
      for (const [table, sum] of Object.entries(after)) if (before[table] !== sum) failures.push(`${def.name}: table ${table} changed`);
      Object.assign(before, after);
    }
    console.info(
      `[fuzz-actions] ${defs.length} actions × ${actors.length} actors: ${counts.total} cases (${counts.refused} refused with a message, ${counts.notFound} 404, ${counts.validRolledBack} valid in a rolled-back transaction, ${counts.skipped} skipped) in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(failures).toEqual([]);
    expect(counts.total).toBeGreaterThan(5000);
  }, 300_000);

  it("every date field of every action, sent a day or time that does not exist by an actor in scope, is refused as an invalid date; no row changes", async () => {
    const rng = prng(SEED + 1);
    const failures: string[] = [];
    let cases = 0;
    const before = await checksums(t.db);
    for (const def of registeredActions()) {
      for (const { login, signedIn } of actors) {
        const scope = await inScope(def, login, signedIn.actor);
        if (!scope.mayAct) continue;
        const pool = scope.own.length > 0 ? { ...ids, resourceIds: scope.own } : ids;
        // A base input the schema accepts (a few tries: optional and nullable parts are drawn at random).
        let base: unknown;
        for (let k = 0; k < 20 && base === undefined; k++) {
          const v = plausible(def.schema, rng, pool);
          if (parses(def.schema, v)) base = v;
        }
        if (base === undefined) continue;
        const datePaths = pathsOf(base).filter((p) => p.length > 0 && /(At|On|Date|^day)$/.test(p.at(-1)!) && !/^seen/.test(p.at(-1)!));
        for (const p of datePaths) {
          for (const d of IMPOSSIBLE_DATES) {
            const raw = withAt(base, p, d);
            cases++;
            const outcome = await run(def, signedIn, raw, t.db, false);
            const where = `${def.name} as ${login} with ${p.join(".")} = ${d}`;
            if (outcome.kind === "thrown") failures.push(`${where}: threw ${String((outcome.error as Error)?.message).slice(0, 160)}`);
            else if (outcome.kind === "result" && outcome.result.ok) failures.push(`${where}: accepted`);
            else if (outcome.kind === "result" && !outcome.result.ok) {
              const text = `${outcome.result.message} ${JSON.stringify(outcome.result.fieldErrors ?? {})}`;
              if (!/invalide|pas valide|Saisissez la date/i.test(text)) failures.push(`${where}: refused as «${outcome.result.message.slice(0, 140)}»`);
            }
          }
        }
      }
    }
    const after = await checksums(t.db);
    for (const [table, sum] of Object.entries(after)) if (before[table] !== sum) failures.push(`table ${table} changed`);
    console.info(`[fuzz-actions] ${cases} impossible dates sent to the date fields`);
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(50);
  }, 120_000);
});
