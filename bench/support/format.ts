/* The benches' French figures and timed steps (printed on stderr as they go). */

/** A number in French («1 400 000», «12,4»), `d` decimals. */
export const fmt = (n: number, d = 0) => n.toLocaleString("fr-FR", { maximumFractionDigits: d, minimumFractionDigits: d });

/** Milliseconds as seconds in French («2,40 s»), `d` decimals. */
export const secs = (ms: number, d = 1) => `${fmt(ms / 1000, d)} s`;

/** Runs `fn`, printing «label… 2,4 s» on stderr; its result and its duration in milliseconds. */
export async function step<T>(label: string, fn: () => Promise<T>, secondsDigits = 1): Promise<[T, number]> {
  process.stderr.write(`${label}… `);
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  process.stderr.write(`${secs(ms, secondsDigits)}\n`);
  return [r, ms];
}
