import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

/*
 * A real SMTP server in the test process: the outbox sender talks SMTP to it over TCP, exactly as
 * it would to a production relay, and the test reads what arrived. `down()`/`up()` simulate an
 * outage (connections refused at the SMTP level, nothing accepted).
 */

export type SunkEmail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: Date;
  messageId: string | undefined;
  headers: Record<string, string>;
};

export type SmtpSink = {
  port: number;
  url: string;
  messages: SunkEmail[];
  /** Resolves with the first message matching pred (already received or to come); rejects after timeoutMs. */
  waitFor: (pred: (m: SunkEmail) => boolean, timeoutMs?: number) => Promise<SunkEmail>;
  clear: () => void;
  /** While down, every MAIL FROM is refused with 421 (service not available). */
  down: () => void;
  up: () => void;
  /** Every RCPT TO of this address is answered `code message` (e.g. 550 or 451), until `clear()`. */
  refuse: (address: string, code: number, message: string) => void;
  /** Each message is acknowledged `ms` after its end (a slow relay), until `clear()`. */
  delay: (ms: number) => void;
  close: () => Promise<void>;
};

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  if (!a) return [];
  const list = Array.isArray(a) ? a : [a];
  return list.flatMap((o) => o.value.map((v) => v.address ?? "")).filter(Boolean);
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: SunkEmail[] = [];
  const waiters = new Set<{ pred: (m: SunkEmail) => boolean; resolve: (m: SunkEmail) => void }>();
  let isDown = false;
  const refused = new Map<string, { code: number; message: string }>();
  let delayMs = 0;

  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (isDown) {
        const err = new Error("Service temporairement indisponible") as Error & { responseCode: number };
        err.responseCode = 421;
        return callback(err);
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const r = refused.get(address.address.toLowerCase());
      if (r) {
        const err = new Error(r.message) as Error & { responseCode: number };
        err.responseCode = r.code;
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of parsed.headers) headers[k] = typeof v === "string" ? v : JSON.stringify(v);
          const m: SunkEmail = {
            from: addresses(parsed.from)[0] ?? "",
            to: addresses(parsed.to),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            date: parsed.date ?? new Date(),
            messageId: parsed.messageId,
            headers,
          };
          messages.push(m);
          for (const w of [...waiters]) {
            if (w.pred(m)) {
              waiters.delete(w);
              w.resolve(m);
            }
          }
          if (delayMs > 0) setTimeout(callback, delayMs);
          else callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  server.on("error", () => {}); // client resets during tests are not failures of the sink

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;

  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    waitFor(pred, timeoutMs = 5000) {
      const found = messages.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise<SunkEmail>((resolve, reject) => {
        const w = {
          pred,
          resolve: (m: SunkEmail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`smtp-sink: no matching e-mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    clear() {
      messages.length = 0;
      refused.clear();
      delayMs = 0;
    },
    delay(ms) {
      delayMs = ms;
    },
    refuse(address, code, message) {
      refused.set(address.toLowerCase(), { code, message });
    },
    down() {
      isDown = true;
    },
    up() {
      isDown = false;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
