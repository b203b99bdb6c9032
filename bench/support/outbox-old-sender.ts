import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { Mailer } from "@/lib/outbox/mailer";
import { backoffMs } from "@/lib/outbox/sender";

/*
 * The outbox sender as it was before e-mails were sent concurrently (kept for bench/outbox.ts
 * only, as its baseline): claims of 20 rows, one e-mail at a time, one UPDATE per e-mail, 50
 * claims per call; the worker then waited OUTBOX_INTERVAL_MS before its next call. Same claim and
 * same guards as lib/outbox/sender.ts; failures are simply given back (the bench's sink refuses nothing).
 */
export async function oldSendDueEmails(db: Db, now: Date, mailer: Mailer): Promise<number> {
  let sent = 0;
  for (let batch = 0; batch < 50; batch++) {
    const claimed = await db.execute(sql`
      update outbox_emails o
         set status = 'sending', attempts = o.attempts + 1, next_attempt_at = ${new Date(now.getTime() + 120_000).toISOString()}::timestamptz
       where o.id in (
             select id from outbox_emails
              where status in ('pending', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
                and (send_by is null or send_by > ${now.toISOString()}::timestamptz)
              order by next_attempt_at, id
              limit 20
              for update skip locked)
      returning o.id, o.from_address, o.to_address, o.subject, o.html, o.text, o.attempts`);
    const rows = (
      claimed.rows as { id: string; from_address: string; to_address: string; subject: string; html: string; text: string; attempts: number }[]
    ).sort((a, b) => Number(a.id) - Number(b.id));
    for (const row of rows) {
      const id = Number(row.id);
      try {
        const info = await mailer.send({
          from: row.from_address,
          to: row.to_address,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: `<outbox-${id}@orientation.invalid>`,
        });
        await db.execute(sql`
          update outbox_emails set status = 'sent', sent_at = ${new Date().toISOString()}::timestamptz, message_id = ${info.messageId}, last_error = null
           where id = ${id} and status = 'sending' and attempts = ${row.attempts}`);
        sent++;
      } catch (err) {
        await db.execute(sql`
          update outbox_emails set status = 'pending', next_attempt_at = ${new Date(now.getTime() + backoffMs(row.attempts)).toISOString()}::timestamptz,
                 last_error = ${(err as Error).message.slice(0, 1000)}
           where id = ${id} and status = 'sending' and attempts = ${row.attempts}`);
      }
    }
    if (rows.length < 20) break;
  }
  return sent;
}
