import { createHash } from "node:crypto";
import { is, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { PgColumn } from "drizzle-orm/pg-core";
import type { Queryable } from "./client";

/*
 * One round-trip for a page's reads (docs/performance.md). A page asks for many small facts (a
 * request, its items, the opinions, the answer…); each read was its own statement, and on a family
 * page the statements, not the rendering, were most of the cost. A `Part` is one of those reads
 * written as a drizzle query whose rows come back as JSON; `readTogether` sends any number of parts
 * as ONE statement (`select (part₁) as a, (part₂) as b …`) and decodes each with the columns' own
 * drizzle mappings, so a part reads exactly what its query alone would have read.
 *
 *   const fields = { studentId: familyRequests.studentId, validatedAt: familyRequests.validatedAt };
 *   const requests = rows(fields, q.select(jsonFields(fields)).from(familyRequests).where(…));
 *   const { requests: r, ack } = await readTogether(q, { requests, ack: first(…) });
 *
 * A field is a column or a nested part (e.g. a request's items under the request). Rows keep the
 * order given by `orderBy` (keys of the fields); without it, no order is promised.
 */

export type Part<T> = { readonly sql: SQL; readonly decode: (json: unknown) => T };

type Field = PgColumn | Part<unknown>;
type Fields = Record<string, Field>;
type ValueOf<F> = F extends Part<infer T> ? T : F extends PgColumn ? (F["_"]["notNull"] extends true ? F["_"]["data"] : F["_"]["data"] | null) : never;
export type RowOf<F extends Fields> = { -readonly [K in keyof F]: ValueOf<F[K]> };

function isPart(f: Field): f is Part<unknown> {
  return !is(f, PgColumn);
}

/** The select list of a part's query: every field under its key (the JSON row's keys). */
export function jsonFields<F extends Fields>(fields: F): Record<keyof F & string, SQL.Aliased> {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, (isPart(f) ? f.sql : sql`${f}`).as(k)])) as Record<keyof F & string, SQL.Aliased>;
}

function decodeRow<F extends Fields>(fields: F, json: Record<string, unknown>): RowOf<F> {
  const row: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(fields)) {
    const v = json[k];
    row[k] = isPart(f) ? f.decode(v ?? null) : v === null || v === undefined ? null : f.mapFromDriverValue(v);
  }
  return row as RowOf<F>;
}

/** Every row of `query` (whose select list is `jsonFields(fields)`). */
export function rows<F extends Fields>(fields: F, query: SQLWrapper, orderBy: readonly (keyof F & string)[] = []): Part<RowOf<F>[]> {
  const order = orderBy.length
    ? sql` order by ${sql.join(
        orderBy.map((k) => sql`t.${sql.identifier(k)}`),
        sql`, `,
      )}`
    : sql``;
  return {
    sql: sql`(select coalesce(json_agg(t${order}), '[]'::json) from (${query}) t)`,
    decode: (json) => ((json ?? []) as Record<string, unknown>[]).map((r) => decodeRow(fields, r)),
  };
}

/** The first row of `query`, or null. */
export function first<F extends Fields>(fields: F, query: SQLWrapper): Part<RowOf<F> | null> {
  return {
    sql: sql`(select row_to_json(t) from (${query}) t limit 1)`,
    decode: (json) => (json ? decodeRow(fields, json as Record<string, unknown>) : null),
  };
}

/** A part whose decoded value is turned into another (a list of ids into a set, a row into a fact). */
export function mapPart<T, U>(part: Part<T>, fn: (value: T) => U): Part<U> {
  return { sql: part.sql, decode: (json) => fn(part.decode(json)) };
}

/** A part that needs no read (a value known already, or a read that does not apply). */
export function known<T>(value: T): Part<T> {
  return { sql: sql`null`, decode: () => value };
}

type Decoded<P extends Record<string, Part<unknown>>> = { [K in keyof P]: P[K] extends Part<infer T> ? T : never };

/** Several parts as one (a page's reads that another page reads too, under one key). */
export function group<P extends Record<string, Part<unknown>>>(parts: P): Part<Decoded<P>> {
  const entries = Object.entries(parts);
  return {
    sql: sql`json_build_object(${sql.join(
      entries.map(([k, p]) => sql`${k}::text, ${p.sql}`),
      sql`, `,
    )})`,
    decode: (json) => Object.fromEntries(entries.map(([k, p]) => [k, p.decode((json as Record<string, unknown> | null)?.[k] ?? null)])) as Decoded<P>,
  };
}

/** `column = any($1::uuid[])`: a list of ids as ONE parameter (a school's 1,000 students are not 1,000 parameters). */
export function anyUuid(column: PgColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...ids])}::uuid[])`;
}

function statementOf(parts: Record<string, Part<unknown>>): SQL {
  return sql`select ${sql.join(
    Object.entries(parts).map(([k, p]) => sql`${p.sql} as ${sql.identifier(k)}`),
    sql`, `,
  )}`;
}

function decodeAll<P extends Record<string, Part<unknown>>>(parts: P, row: Record<string, unknown>): Decoded<P> {
  return Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, p.decode(row[k] ?? null)])) as Decoded<P>;
}

/** Runs every part in ONE statement; each key of the result is its part's decoded value. */
export async function readTogether<P extends Record<string, Part<unknown>>>(q: Queryable, parts: P): Promise<Decoded<P>> {
  const built = internalsOf(q).dialect.sqlToQuery(statementOf(parts));
  return decodeAll(parts, (await runNamed(q, built, nameOf(built.sql), {}))[0] ?? {});
}

/** A value given when a statement built once runs (`readTogetherOnce`): its place in the text, not the value. */
export function arg(name: string): string {
  return sql.placeholder(name) as unknown as string;
}

/**
 * A page's reads built ONCE: `build` makes the parts with `arg(…)` where the request's values go,
 * the statement's text and name are computed at the first call, and each call only sends the
 * name and the values (`values`: one per `arg`). On the request path, building a page's SQL was
 * a fifth of a file page's CPU (docs/performance.md).
 */
export function readTogetherOnce<P extends Record<string, Part<unknown>>>(build: (q: Queryable) => P) {
  let once: { parts: P; built: BuiltQuery; name: string } | undefined;
  return async (q: Queryable, values: Record<string, unknown>): Promise<Decoded<P>> => {
    if (!once) {
      const parts = build(q);
      const built = internalsOf(q).dialect.sqlToQuery(statementOf(parts));
      once = { parts, built, name: nameOf(built.sql) };
    }
    return decodeAll(once.parts, (await runNamed(q, once.built, once.name, values))[0] ?? {});
  };
}

type BuiltQuery = { sql: string; params: unknown[] };
type DrizzleInternals = {
  dialect: { sqlToQuery: (s: SQL) => BuiltQuery };
  session: {
    prepareQuery: (q: BuiltQuery, fields: undefined, name: string, arrayMode: false) => { execute: (values: Record<string, unknown>) => Promise<unknown> };
  };
};

function internalsOf(q: Queryable): DrizzleInternals {
  const internals = q as unknown as Partial<DrizzleInternals>;
  if (!internals.dialect?.sqlToQuery || !internals.session?.prepareQuery)
    throw new Error("readTogether: drizzle's dialect and session are not where they were (drizzle-orm upgraded?)");
  return internals as DrizzleInternals;
}

/** A statement's name: the hash of its text (the same text, the same name, on every connection). */
function nameOf(text: string): string {
  return `rt_${createHash("sha1").update(text).digest("base64url")}`;
}

/**
 * Runs a statement as a NAMED prepared statement: PostgreSQL parses and plans a page's statement
 * once per connection instead of at every request, and the driver sends the name instead of the
 * text. Behind PgBouncer this needs session pooling, or transaction pooling with prepared-statement
 * support (docs/production.md).
 */
async function runNamed(q: Queryable, built: BuiltQuery, name: string, values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const result = (await internalsOf(q).session.prepareQuery(built, undefined, name, false).execute(values)) as { rows: Record<string, unknown>[] };
  return result.rows;
}

/**
 * A statement of the request path prepared once per database (its SQL built once, parsed and
 * planned once per connection): `build` makes it with `sql.placeholder(…)` for its values.
 */
export function preparedOnce<T>(q: Queryable, name: string, build: (q: Queryable) => T): T {
  let forDb = prepared.get(q);
  if (!forDb) prepared.set(q, (forDb = new Map()));
  if (!forDb.has(name)) forDb.set(name, build(q));
  return forDb.get(name) as T;
}
const prepared = new WeakMap<object, Map<string, unknown>>();

/** One part read alone (the finders that other code still calls one at a time). */
export async function readOne<T>(q: Queryable, part: Part<T>): Promise<T> {
  return (await readTogether(q, { v: part })).v;
}
