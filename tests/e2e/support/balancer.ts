import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A tiny HTTP load balancer for the multi-server spec: the one public origin (NEXTAUTH_URL, the
 * e2e baseURL) in front of several app servers, as a production load balancer is. The browser
 * reaches it as its HTTP proxy (a Playwright context's `proxy` option), so the page's URL, its
 * Origin and the Host the servers see stay the public origin's: the servers' own-origin check
 * (proxy.ts) is the one production runs, untouched.
 *
 * - A request for the public origin goes to one backend: round robin, or the backend a request
 *   names in the PIN_HEADER (the test pins a page to a server with page.setExtraHTTPHeaders; the
 *   header is removed before the backend sees it). The response says which backend answered, in
 *   the same header.
 * - A request for another loopback origin (the OpenID Connect provider) is forwarded as it is; any
 *   other host is refused (502): the browser must not reach out of the machine.
 */

export const PIN_HEADER = "x-e2e-backend";

export type Backend = { name: string; port: number };

export type Balancer = {
  /** The proxy's URL, for a context's `proxy: { server }`. */
  url: string;
  /** How many requests for the public origin each backend answered. */
  served: Record<string, number>;
  close: () => Promise<void>;
};

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "proxy-authorization", "transfer-encoding", "upgrade", "te", "trailer"];

function withoutHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...headers };
  for (const h of HOP_BY_HOP) delete out[h];
  return out;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export async function startBalancer(publicOrigin: string, backends: Backend[]): Promise<Balancer> {
  const pub = new URL(publicOrigin);
  const served: Record<string, number> = Object.fromEntries(backends.map((b) => [b.name, 0]));
  let next = 0;

  const server = http.createServer((req, res) => {
    // A browser talking to its proxy sends the absolute URL; a request sent straight to the
    // balancer (a path) is for the public origin.
    const raw = req.url ?? "/";
    const target = raw.startsWith("/") ? new URL(raw, publicOrigin) : new URL(raw);
    const headers = withoutHopByHop(req.headers);
    let host = target.hostname;
    let port = Number(target.port || 80);
    let backend: string | undefined;
    if (target.host === pub.host) {
      const pin = req.headers[PIN_HEADER];
      const chosen = typeof pin === "string" ? backends.find((b) => b.name === pin) : backends[next++ % backends.length];
      if (!chosen) {
        res.writeHead(502, { "content-type": "text/plain" }).end(`balancer: no backend « ${String(pin)} »`);
        return;
      }
      delete headers[PIN_HEADER];
      headers.host = pub.host;
      host = "127.0.0.1";
      port = chosen.port;
      backend = chosen.name;
      served[backend]!++;
    } else if (!LOOPBACK.has(target.hostname)) {
      res.writeHead(502, { "content-type": "text/plain" }).end(`balancer: ${target.host} is not on this machine`);
      return;
    }
    const upstream = http.request({ host, port, method: req.method, path: `${target.pathname}${target.search}`, headers }, (up) => {
      const out = withoutHopByHop(up.headers);
      if (backend) out[PIN_HEADER] = backend;
      res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
      up.pipe(res);
    });
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`balancer: ${err.message}`);
    });
    req.pipe(upstream);
  });
  // The browser opens a CONNECT tunnel only for https: nothing here is.
  server.on("connect", (_req, socket) => socket.end("HTTP/1.1 405 Method Not Allowed\r\n\r\n"));

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
