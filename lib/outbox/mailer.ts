import nodemailer from "nodemailer";

/*
 * How the outbox sender hands an e-mail over. Two kinds:
 * - "smtp": a pooled nodemailer SMTP transport (SMTP_URL). TLS is not negotiated (`ignoreTLS`):
 *   the relay is a local/internal MTA; use smtps:// for an implicit-TLS relay.
 * - "dev-mailbox": no SMTP_URL, in demo mode only. Nothing leaves the machine; the sender only
 *   marks the row sent and the development mailbox page reads the sent rows from outbox_emails.
 * Outside demo mode without SMTP_URL there is no mailer at all (`createMailer` returns null):
 * nothing is claimed, nothing is marked sent, the e-mails stay pending until a relay is configured
 * (docs/operations.md). The worker does not start its outbox job and says so; `npm run sync` too.
 */

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable Message-ID derived from the outbox row, so a relay/client can recognise a resend. */
  messageId: string;
};

export type Mailer = {
  kind: "smtp" | "dev-mailbox";
  send: (email: OutgoingEmail) => Promise<{ messageId: string }>;
  close: () => Promise<void>;
};

/** Connections of the pooled transport when the caller says nothing (SMTP_POOL_SIZE's default, lib/env.ts). */
export const DEFAULT_SMTP_POOL_SIZE = 5;

/**
 * The pooled SMTP transport. `maxConnections` (SMTP_POOL_SIZE) connections stay open to the relay;
 * the sender hands it several e-mails at once (OUTBOX_CONCURRENCY, lib/outbox/sender.ts) and the
 * pool sends one per connection at a time, queueing the rest.
 */
export function createSmtpMailer(url: string, opts: { maxConnections?: number; timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: opts.maxConnections ?? DEFAULT_SMTP_POOL_SIZE,
    ignoreTLS: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: "smtp",
    async send(email) {
      const info = await transport.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
      });
      return { messageId: (info as { messageId?: string }).messageId ?? email.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

function createDevMailboxMailer(): Mailer {
  return {
    kind: "dev-mailbox",
    async send(email) {
      return { messageId: email.messageId };
    },
    async close() {},
  };
}

/** Said by the worker and `npm run sync` when there is no relay outside demo mode. */
export const NO_MAILER_MESSAGE =
  "Aucun serveur SMTP configuré (SMTP_URL) : les courriels ne sont pas envoyés et restent en attente dans la file. " +
  "Renseignez SMTP_URL (ex. smtp://relais.example.fr:25) puis relancez ; la boîte de développement n'existe qu'en mode démonstration (DEMO_MODE=true).";

/**
 * The mailer the environment asks for: SMTP when SMTP_URL is set; else the development mailbox in
 * demo mode only; else null (nothing is sent, the e-mails wait).
 */
export function createMailer(e: { SMTP_URL?: string; DEMO_MODE: boolean; SMTP_POOL_SIZE?: number }): Mailer | null {
  if (e.SMTP_URL) return createSmtpMailer(e.SMTP_URL, { maxConnections: e.SMTP_POOL_SIZE });
  return e.DEMO_MODE ? createDevMailboxMailer() : null;
}
