import type { z } from "zod";

/*
 * Shape-aware input generation for the fuzz test (docs/security-inputs.md): a plausible value
 * for a zod schema (walked through zod 4's definitions), and mutations of it at every path —
 * wrong types, missing fields, control characters, huge strings, impossible dates, ids of other
 * scopes, huge numbers, arrays where a string is expected. Deterministic: a seeded PRNG.
 */

export type Rng = () => number;
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** The ids a plausible value uses: real ones of the seeded database (in and out of the actor's scope). */
export type IdPool = { resourceIds: readonly string[]; otherIds: readonly string[] };

/** A plausible (often valid) value of the schema; `key` is the field's name (ids, dates are named). */
export function plausible(schema: unknown, rng: Rng, ids: IdPool, key = ""): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(def.shape as Record<string, unknown>)) out[k] = plausible(s, rng, ids, k);
      return out;
    }
    case "string": {
      if (/^(studentId|divisionId)$/.test(key)) return pick(rng, ids.resourceIds);
      if (/Id$/.test(key) || (def.checks as unknown[] | undefined)?.some((c) => defOf(c).format === "uuid")) return pick(rng, ids.otherIds);
      if (/(At|OpensAt|ClosesAt)$/.test(key)) return "2026-12-01T10:00";
      if (/(On|Date)$|^day$/.test(key)) return "2026-12-01";
      return pick(rng, ["", "Texte", "Martin", "1GEN", "SES"]);
    }
    case "boolean":
      return rng() < 0.5;
    case "number":
    case "int":
      return 3;
    case "enum":
      return pick(rng, Object.values(def.entries as Record<string, string>));
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return rng() < 0.3 ? [] : [plausible(def.element, rng, ids, key)];
    case "nullable":
      return rng() < 0.2 ? null : plausible(def.innerType, rng, ids, key);
    case "optional":
      return rng() < 0.2 ? undefined : plausible(def.innerType, rng, ids, key);
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
      return plausible(def.innerType, rng, ids, key);
    case "pipe": {
      const inDef = defOf(def.in);
      return plausible(inDef.type === "transform" ? def.out : def.in, rng, ids, key);
    }
    case "union":
      return plausible(pick(rng, def.options as unknown[]), rng, ids, key);
    case "custom":
      return new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "signature.png", { type: "image/png" });
    default:
      return pick(rng, ["x", 1, true, null]);
  }
}

/** The paths of a value's nodes (objects' keys, arrays' indexes), the root ("") first. */
export function pathsOf(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, String(i)], out));
  else if (v && typeof v === "object" && !(v instanceof File)) for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}

/** A mutation of a value: which kind (for the report) and whether it holds a forbidden character or an impossible date. */
export type Mutation = { kind: string; value: unknown; forbidden?: boolean; impossibleDate?: boolean };

/** Days and times that do not exist: each must be refused, never rolled over to a real one. */
export const IMPOSSIBLE_DATES: ReadonlySet<string> = new Set([
  "2026-02-30",
  "2026-13-45",
  "2026-13-45T25:61",
  "2026-02-30T10:00",
  "2026-11-31T23:60",
  "2026-04-31",
  "0000-00-00",
]);

const deepArray = (n: number): unknown => (n === 0 ? "x" : [deepArray(n - 1)]);

/** What may replace a node: every kind of wrong value, the ids of other scopes among them. */
export function replacements(rng: Rng, ids: IdPool): Mutation[] {
  return [
    { kind: "null", value: null },
    { kind: "missing", value: undefined },
    { kind: "number", value: pick(rng, [0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1.5, NaN, Infinity]) },
    { kind: "boolean", value: rng() < 0.5 },
    { kind: "array", value: pick(rng, [[], ["a", "b"], [null], [1, 2, 3]]) },
    { kind: "object", value: pick<unknown>(rng, [{}, { a: 1 }, { toString: "x" }, JSON.parse(`{"__proto__": {"x": 1}}`)]) },
    { kind: "huge string", value: "é".repeat(100_000) },
    { kind: "null byte", value: pick(rng, ["\u0000", "Martin\u0000", "\u0000' OR 1=1 --", "1GEN\u0000"]), forbidden: true },
    { kind: "control character", value: pick(rng, ["\u0007", "a\u001b[31mb", "\u0008", "x\u007f", "\u0085", "\u000b"]), forbidden: true },
    { kind: "impossible date", value: pick(rng, [...IMPOSSIBLE_DATES]), impossibleDate: true },
    { kind: "other scope id", value: pick(rng, [...ids.otherIds, ...ids.resourceIds]) },
    { kind: "unknown id", value: pick(rng, ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff", "not-a-uuid", "' OR 1=1 --"]) },
    {
      kind: "odd text",
      value: pick(rng, ['=HYPERLINK("http://x")', "<script>alert(1)</script>", "../../etc/passwd", "\ud800", "🙂".repeat(3000), " ", "\r\n\t"]),
    },
    { kind: "deep nesting", value: deepArray(40) },
  ];
}

/** The value with the node at `path` replaced (undefined deletes an object's key). */
export function withAt(v: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(v)) {
    const copy = [...v];
    copy[Number(head)] = withAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  const next = withAt(copy[head], rest, replacement);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** The zod schema's verdict, and whether parsing crashed (a bug of its own). */
export function parses(schema: z.ZodType, v: unknown): boolean {
  return schema.safeParse(v).success;
}
