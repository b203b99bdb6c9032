/**
 * The one clock (STYLE.md §6). Domain functions take `now` as a parameter; the app and jobs call
 * this. CLOCK_OFFSET_MS (tests and demos only) shifts the app's time, so an end-to-end test can
 * play "the next morning" against a real server.
 */
export function now(): Date {
  const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}
