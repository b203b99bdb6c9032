import { notFound } from "next/navigation";
import { EMAIL_KINDS } from "@/emails/registry";
import { getDb } from "@/lib/db";
import { findRecentOutboxEmails } from "@/lib/db/repositories/outbox";
import { devMailboxAvailable, devMailboxView } from "@/lib/domain/platform-admin";
import { env } from "@/lib/env";

export type { DevMailboxView } from "@/lib/domain/platform-admin";

/**
 * The development mailbox: a tool for local use and demos without an SMTP server, not a product
 * screen. It is guarded by the mode (development or DEMO_MODE; a 404 in production), not by the
 * policy: no sign-in, as the demos use it between two accounts.
 */
export async function loadDevMailboxPage() {
  if (!devMailboxAvailable({ demoMode: env().DEMO_MODE, nodeEnv: process.env.NODE_ENV })) notFound();
  const emails = await findRecentOutboxEmails(await getDb());
  return devMailboxView(
    emails.map((m) => ({ ...m, id: Number(m.id) })),
    Object.fromEntries(EMAIL_KINDS.map((k) => [k.kind, k.label])),
  );
}
