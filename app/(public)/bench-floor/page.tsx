import { notFound } from "next/navigation";

/*
 * The bare dynamic page of `npm run bench:web` (docs/performance.md): a page of the same build,
 * rendered per request through proxy.ts and the root layout like every page, that reads nothing
 * itself. It is the floor each page's cost is compared with. It exists only when the server runs
 * with BENCH_FLOOR=true (the bench sets it); everywhere else it is the ordinary 404, so it adds
 * nothing a visitor can reach.
 */
export const dynamic = "force-dynamic";

export default function BenchFloorPage() {
  if (process.env.BENCH_FLOOR !== "true") notFound();
  return <p>ok</p>;
}
