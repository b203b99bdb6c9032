import { notFound } from "next/navigation";
import { EMAIL_KINDS } from "@/emails/registry";
import { guardAudience } from "@/lib/auth/guard";
import { findRecentOutboxEmails } from "@/lib/db/repositories/outbox";
import { devMailboxAvailable, devMailboxView } from "@/lib/domain/platform-admin";
import { env } from "@/lib/env";

export type { DevMailboxView } from "@/lib/domain/platform-admin";

/**
 * The development mailbox: a tool for demos without an SMTP server, not a product screen. It
 * exists in demo mode only (a 404 otherwise, before any sign-in is asked), and shows every e-mail
 * of the outbox, so it asks an administrator's sign-in even then (docs/production.md): signed out
 * → the sign-in page, another role → 404.
 */
export async function loadDevMailboxPage() {
  if (!devMailboxAvailable({ demoMode: env().DEMO_MODE })) notFound();
  const { db } = await guardAudience(["admin"]);
  const emails = await findRecentOutboxEmails(db);
  return devMailboxView(
    emails.map((m) => ({ ...m, id: Number(m.id) })),
    Object.fromEntries(EMAIL_KINDS.map((k) => [k.kind, k.label])),
  );
}
