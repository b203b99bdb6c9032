import { auditLog } from "@/lib/db/schema";
import type { Queryable } from "@/lib/db/client";

export type AuditActor = { accountId: string | null; displayName: string };
export const SYSTEM_ACTOR: AuditActor = { accountId: null, displayName: "Système (transfert nocturne)" };

/** The system actors of the scheduled jobs (jobs/registry.ts): no account, a name that says which job wrote. */
export const SYSTEM_ACTORS = {
  transfer: SYSTEM_ACTOR,
  sessions: { accountId: null, displayName: "Système (expiration des sessions)" },
} as const satisfies Record<string, AuditActor>;

/**
 * R-AUTH-3: every write records who and when. Call it inside the same transaction as the write,
 * so a write and its audit line land together or not at all.
 */
export async function recordAudit(
  q: Queryable,
  actor: AuditActor,
  action: string,
  entity: { type: string; id: string },
  details?: Record<string, unknown>,
  at?: Date,
): Promise<void> {
  await q.insert(auditLog).values({
    accountId: actor.accountId,
    actorName: actor.displayName,
    action,
    entityType: entity.type,
    entityId: entity.id,
    details: details ? JSON.stringify(details) : null,
    ...(at ? { at } : {}),
  });
}
