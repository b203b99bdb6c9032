import { Worker } from "node:worker_threads";

/*
 * The outbox bench's SMTP sink (bench/outbox.ts): a real smtp-server on loopback, in a worker
 * thread of the bench's process, so that receiving does not take the sender's thread. It accepts
 * everything, reads each message to its end and counts it; nothing is parsed or kept.
 */

export type SinkThread = { url: string; received: () => number; close: () => Promise<void> };

const SINK_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const { SMTPServer } = require("smtp-server");
const counter = new Int32Array(workerData.shared);
const server = new SMTPServer({
  disabledCommands: ["STARTTLS"],
  authOptional: true,
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      Atomics.add(counter, 0, 1);
      callback();
    });
  },
});
server.on("error", () => {});
server.listen(workerData.port, "127.0.0.1", () => parentPort.postMessage({ port: server.server.address().port }));
parentPort.on("message", (m) => {
  if (m === "close") server.close(() => parentPort.postMessage("closed"));
});
`;

export async function startSinkThread(port = 0): Promise<SinkThread> {
  const shared = new SharedArrayBuffer(4);
  const counter = new Int32Array(shared);
  const worker = new Worker(SINK_CODE, { eval: true, workerData: { shared, port } });
  const actualPort = await new Promise<number>((resolve, reject) => {
    worker.once("message", (m: { port: number }) => resolve(m.port));
    worker.once("error", reject);
  });
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    received: () => Atomics.load(counter, 0),
    async close() {
      await new Promise<void>((resolve) => {
        worker.once("message", () => resolve());
        worker.postMessage("close");
      });
      await worker.terminate();
    },
  };
}
