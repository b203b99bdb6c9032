/** The logger jobs receive: console in scripts and the server, a silent or capturing one in tests. */
export type Log = {
  info: (msg: string, extra?: Record<string, unknown>) => void;
  warn: (msg: string, extra?: Record<string, unknown>) => void;
  error: (msg: string, extra?: Record<string, unknown>) => void;
};

export const consoleLog = (prefix: string): Log => ({
  info: (m, e) => console.info(`[${prefix}] ${m}`, ...(e ? [e] : [])),
  warn: (m, e) => console.warn(`[${prefix}] ${m}`, ...(e ? [e] : [])),
  error: (m, e) => console.error(`[${prefix}] ${m}`, ...(e ? [e] : [])),
});

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * What an unexpected error may write to the log (docs/security-inputs.md): its kind, its codes
 * (PostgreSQL's SQLSTATE, the constraint's name) and where it was thrown, never the values it
 * carries. A failed query's parameters (names, e-mails, what a user typed), the quoted values of
 * a PostgreSQL message ("invalid input syntax for type uuid: \"…\"") and its detail are dropped.
 */
export function describeError(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  let e: unknown = err;
  for (let depth = 0; e && depth < 3; depth++, e = (e as { cause?: unknown }).cause) {
    const prefix = depth === 0 ? "" : `cause${depth}.`;
    if (!(e instanceof Error) && typeof e !== "object") {
      out[`${prefix}type`] = typeof e;
      break;
    }
    const x = e as { name?: unknown; code?: unknown; constraint?: unknown; message?: unknown; stack?: unknown };
    if (typeof x.name === "string") out[`${prefix}name`] = x.name;
    if (typeof x.code === "string" || typeof x.code === "number") out[`${prefix}code`] = String(x.code);
    if (typeof x.constraint === "string") out[`${prefix}constraint`] = x.constraint;
    if (typeof x.message === "string") out[`${prefix}message`] = redactMessage(x.message);
    if (depth === 0 && typeof x.stack === "string") {
      const frames = x.stack.split("\n").filter((l) => /^\s+at /.test(l));
      if (frames.length > 0) out.at = frames.slice(0, 8).join("\n");
    }
  }
  return out;
}

/** A message without the values it may quote: a failed query keeps its first line, quoted text becomes «…». */
export function redactMessage(message: string): string {
  const firstLine = message.split(/\r?\n/)[0] ?? "";
  // Drizzle's "Failed query: <sql>" (values are parameters, on the next line, dropped with it).
  if (firstLine.startsWith("Failed query:")) return firstLine.replace(/\bparams:.*$/s, "").slice(0, 300);
  return firstLine
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .slice(0, 300);
}

/** Logs an unexpected error with `describeError` (never the error object itself, which carries the input's values). */
export function logUnexpected(where: string, err: unknown): void {
  console.error(`[${where}] erreur inattendue`, describeError(err));
}
