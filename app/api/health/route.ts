import { loadHealth } from "@/lib/loaders/health";

/*
 * GET /api/health (docs/operations.md): 200 when the database answers and every migration is
 * applied, 503 otherwise. No session needed (load balancers), no personal data, never cached.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await loadHealth();
  return Response.json(
    { status: health.ok ? "ok" : "indisponible", database: health.database, migrations: health.migrations },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
