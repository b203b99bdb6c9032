import pg from "pg";

/*
 * Counts the statements the code sends to PostgreSQL while `fn` runs (every `Client.query`:
 * pool queries, transactions' BEGIN/COMMIT, prepared statements). The test's own process only:
 * run nothing else meanwhile. docs/performance.md: the request path's statement budget.
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; texts: string[] }> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const texts: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text?: string; name?: string };
    texts.push(typeof q === "string" ? q : (q.name ?? q.text ?? "?"));
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, statements: texts.length, texts };
  } finally {
    proto.query = original;
  }
}
