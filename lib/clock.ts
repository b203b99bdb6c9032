import { env } from "@/lib/env";

/**
 * The one clock. Domain functions take `now` as a parameter; the entry points (loaders, actions,
 * the worker, the CLI) call this once and hand `now` down: the jobs and the outbox sender never
 * read a clock of their own. CLOCK_OFFSET_MS (tests and demos only, validated with the rest of the
 * configuration in lib/env.ts) shifts the product's time, so an end-to-end test can play "the next
 * morning" against a real server.
 */
export function now(): Date {
  return new Date(Date.now() + env().CLOCK_OFFSET_MS);
}

/**
 * A clock that starts at the caller's `now` and advances with real time: for the end of a long
 * run (a transfer's finished_at, an e-mail's sent_at) on the caller's timeline, without reading
 * the product clock again.
 */
export function timelineFrom(start: Date): () => Date {
  const t0 = Date.now();
  return () => new Date(start.getTime() + (Date.now() - t0));
}
