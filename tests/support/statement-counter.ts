import pg from "pg";

/**
 * Counts the statements this process sends to PostgreSQL (every pg client) while `fn` runs, by
 * their first three words in lower case ("insert into "outbox_emails"", "update outbox_emails o"…).
 * For tests that prove a step is set-based: its statements do not grow with its rows.
 */
export async function countingStatements<T>(fn: () => Promise<T>): Promise<[T, Map<string, number>]> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  const counts = new Map<string, number>();
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = (typeof first === "string" ? first : (first?.text ?? "")).trim().replace(/\s+/g, " ");
    const key = text.split(" ").slice(0, 3).join(" ").toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return original.apply(this, args);
  };
  try {
    return [await fn(), counts];
  } finally {
    proto.query = original;
  }
}

/** All the statements counted. */
export const totalStatements = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
