/*
 * What any input may hold (docs/security-inputs.md, R-AUTH-1): the checks every server action
 * and every page filter runs before anything else reads its values. Pure: no framework, no clock.
 *
 * - Control characters: a null byte or another C0/C1 control character (U+0000–U+001F, U+007F–U+009F)
 *   is refused anywhere, except line feed, carriage return and tab, which multi-line texts
 *   (motivations, notes) legitimately hold. PostgreSQL rejects a null byte in a text; the others
 *   have no business in a name, a code or a date. The refusal names the field in French, never
 *   echoes the value.
 * - Dates: a day ("2026-02-30") or a date-time ("2026-13-45T25:61") is read only when it is a real
 *   calendar day and time: the parsed parts, written back, give the same text (no rolling over).
 */

/** The refusal of a value holding a control character (the field's label first when known). */
export function forbiddenCharactersMessage(label?: string): string {
  return `${label ?? "La saisie"} contient des caractères non autorisés.`;
}

/** The message of a refused page filter (a search parameter of a list or an export). */
export const FORBIDDEN_FILTER_MESSAGE = forbiddenCharactersMessage("La recherche");

// Every C0 control but \t \n \r, DEL, and the C1 controls.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Whether a string holds a character no input may hold. */
export function hasForbiddenCharacters(s: string): boolean {
  return FORBIDDEN_CHARS.test(s);
}

/**
 * The path of the first string (or object key) holding a forbidden character in a decoded input
 * (plain objects, arrays, strings; a File's name too), or null when the whole input is clean.
 * "" is the input itself. Depth-limited: deeper nesting than any form sends is refused as well.
 */
export function findForbiddenCharacters(value: unknown, maxDepth = 12): string | null {
  const walk = (v: unknown, path: string, depth: number): string | null => {
    if (typeof v === "string") return hasForbiddenCharacters(v) ? path : null;
    if (v === null || typeof v !== "object") return null;
    if (depth > maxDepth) return path;
    if (typeof File !== "undefined" && v instanceof File) return hasForbiddenCharacters(v.name) ? path : null;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], path ? `${path}.${i}` : String(i), depth + 1);
        if (p !== null) return p;
      }
      return null;
    }
    for (const [k, x] of Object.entries(v)) {
      const here = path ? `${path}.${k}` : k;
      if (hasForbiddenCharacters(k)) return here;
      const p = walk(x, here, depth + 1);
      if (p !== null) return p;
    }
    return null;
  };
  return walk(value, "", 0);
}

/** A page's search parameters as Next.js hands them (or `Object.fromEntries(url.searchParams)`). */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** Longest value a filter keeps (a name, a code, an id); longer ones are cut, never refused. */
export const FILTER_VALUE_MAX = 100;

export type ParsedSearchParams = { ok: true; params: Record<string, string> } | { ok: false; message: string };

/**
 * The one parser of page filters (lists, exports, steps of a page): the first value of each
 * parameter, trimmed and cut to FILTER_VALUE_MAX; a parameter holding a forbidden character
 * refuses the whole query with the French message (the page shows it, an export answers 400).
 */
export function parseSearchParams(raw: RawSearchParams | URLSearchParams | null | undefined): ParsedSearchParams {
  const params: Record<string, string> = {};
  const entries: [string, string | string[] | undefined][] =
    raw instanceof URLSearchParams ? [...raw.keys()].map((k) => [k, raw.getAll(k)]) : Object.entries(raw ?? {});
  for (const [k, v] of entries) {
    const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
    if (hasForbiddenCharacters(k) || values.some((x) => typeof x !== "string" || hasForbiddenCharacters(x))) {
      return { ok: false, message: FORBIDDEN_FILTER_MESSAGE };
    }
    const first = values[0]?.trim().slice(0, FILTER_VALUE_MAX);
    if (first) params[k] = first;
  }
  return { ok: true, params };
}

export type DayParts = { year: number; month: number; day: number };
export type DateTimeParts = DayParts & { hour: number; minute: number };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "2026-02-28" → its parts; "2026-02-30", "2026-2-3", "0000-01-01" → null (round-trip check). */
export function parseStrictDay(s: string): DayParts | null {
  const m = DAY_RE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2999) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  const back = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return back === s ? { year, month, day } : null;
}

/** "2026-11-23T09:05" → its parts; "2026-13-45T25:61", "2026-11-23T24:00" → null. */
export function parseStrictDateTime(s: string): DateTimeParts | null {
  const m = DATETIME_RE.exec(s);
  if (!m) return null;
  const day = parseStrictDay(`${m[1]}-${m[2]}-${m[3]}`);
  const [hour, minute] = [Number(m[4]), Number(m[5])];
  if (!day || hour > 23 || minute > 59) return null;
  return { ...day, hour, minute };
}

export function isStrictDay(s: string): boolean {
  return parseStrictDay(s) !== null;
}

export function isStrictDateTime(s: string): boolean {
  return parseStrictDateTime(s) !== null;
}
