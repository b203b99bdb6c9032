import http from "node:http";
import { startSmtpSink } from "../../support/smtp-sink";
import { e2e } from "./ports";

/*
 * The e2e run's real SMTP server, in its own process: the app's outbox sender delivers to it over
 * SMTP, and the tests read what arrived through a small JSON API on loopback
 * (GET /messages, DELETE /messages).
 */
const sink = await startSmtpSink(e2e.smtpPort);
const api = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/messages") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(sink.messages));
    return;
  }
  if (req.method === "DELETE" && req.url === "/messages") {
    sink.clear();
    res.writeHead(204).end();
    return;
  }
  if (req.url === "/health") {
    res.writeHead(200).end("ok");
    return;
  }
  res.writeHead(404).end();
});
api.listen(e2e.mailApiPort, "127.0.0.1", () => {
  console.log(`[mail-sink] SMTP on 127.0.0.1:${sink.port}, API on 127.0.0.1:${e2e.mailApiPort}`);
});
const stop = async () => {
  api.close();
  await sink.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
