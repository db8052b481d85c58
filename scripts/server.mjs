// The HTTP server behind `npm start` / `npm run dev`: Next.js's request handler behind a plain
// Node server, so that Keydesk — not the client — decides the client IP used for rate limits and
// logs. Next.js only fills X-Forwarded-For when it is absent, which would let any client choose
// its own IP; here the socket address is always the last hop, and TRUST_PROXY hops are trusted.
// Plain JavaScript on purpose: it runs without tsx, with React's normal export conditions.
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { setTimeout } from "node:timers";
import next from "next";
import { createApiFastPath } from "./api-fast-path.mjs";
import { createPageCache } from "./page-cache.mjs";
import { createRequestObserver } from "./request-observer.mjs";
import { contentSecurityPolicy, newNonce, newRequestId } from "./security-policy.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const trustedHops = Number(process.env.TRUST_PROXY || 0);
// HSTS depends on the public URL, which is known only when the server starts (next.config.js
// headers are fixed at build time).
const hsts = (process.env.APP_URL ?? "").startsWith("https://");

// Tells lib/http/client-info.ts that x-keydesk-client-ip comes from this server (and can be trusted).
process.env.KEYDESK_SERVER = "1";
// Auth.js builds its URLs (callbacks, redirects) from AUTH_URL when it is set, else from the request's
// Host and X-Forwarded-* headers: pin it to APP_URL (the same default as lib/env.ts), so no header a
// client sends can move them to another host.
process.env.AUTH_URL = (process.env.APP_URL || `http://localhost:${port}`).replace(/\/+$/, "");

// Headers only a proxy of ours may set. Without TRUST_PROXY nobody is trusted to, so a client's own
// are dropped before Next.js or Auth.js read them (a forged X-Forwarded-Host would otherwise reach
// URLs built from the request). The request id is always stamped by proxy.ts, never by a client.
const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];
const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

// On SIGTERM the server first drains for KEYDESK_DRAIN_SECONDS: it keeps accepting but answers
// /api/ready with 503, so a load balancer stops sending it traffic, and every response closes its
// connection. Then it stops listening, lets the requests in flight finish and exits 0. Past the
// grace period (a stuck download) it cuts what is left and exits anyway — within 10 s in all.
const DRAIN_MS = Math.min(5, Math.max(0, Number(process.env.KEYDESK_DRAIN_SECONDS ?? 1))) * 1000;
const SHUTDOWN_GRACE_MS = 9_000 - DRAIN_MS;
let shuttingDown = false;
// Each open connection and how many of its requests are in progress / were answered.
const connections = new Map();

const root = path.resolve(import.meta.dirname, "..");
const observe = createRequestObserver(root);
// Health, readiness and the look-up answered by their compiled handlers without Next.js's
// pipeline (scripts/api-fast-path.mjs); not in dev, where routes compile on first use.
const answerFast = await createApiFastPath(root, {
  enabled: !dev && process.env.KEYDESK_API_FAST_PATH !== "off",
  origin: new URL(process.env.AUTH_URL).origin,
});
// The public pages that look the same for every anonymous visitor of one language are answered from
// memory, each with a fresh nonce (scripts/page-cache.mjs; KEYDESK_PAGE_CACHE=off turns it off). Not
// in dev, where an edited page must show at once.
const pages = createPageCache({ port, enabled: !dev && process.env.KEYDESK_PAGE_CACHE !== "off" });

const server = http.createServer((req, res) => {
  observe(req, res);
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, req.socket.remoteAddress ?? "unknown"];
  req.headers["x-keydesk-client-ip"] = chain[Math.max(0, chain.length - 1 - trustedHops)];
  delete req.headers["x-keydesk-request-id"];
  if (trustedHops === 0) {
    delete req.headers["x-forwarded-for"];
    for (const name of PROXY_HEADERS) delete req.headers[name];
  }
  if (hsts) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  if (req.url?.startsWith("/api/")) stampApiRequest(req, res);
  restoreContentLength(res);
  // While shutting down, every response closes its connection: no client reuses a socket that is
  // about to go away.
  if (shuttingDown) {
    res.setHeader("Connection", "close");
    if (req.url === "/api/ready") {
      res.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: "shutting down" }));
      return;
    }
  }
  const connection = connections.get(req.socket);
  if (connection) connection.active += 1;
  res.on("close", () => {
    if (!connection) return;
    connection.active -= 1;
    connection.answered += 1;
  });
  if (!answerFast(req, res) && !pages.answer(req, res)) void handle(req, res);
});
server.on("connection", (socket) => {
  connections.set(socket, { active: 0, answered: 0 });
  socket.on("close", () => connections.delete(socket));
});
if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
server.listen(port, () => console.log(`keydesk: listening on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  // `on`, not `once`: systemd signals the whole group and npm start forwards it too, and a second
  // signal must not kill the process while requests finish.
  process.on(signal, () => shutDown(signal));
}

function shutDown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  pages.stop();
  console.log(`keydesk: ${signal} received, draining for ${DRAIN_MS} ms, then finishing the requests in flight`);
  setTimeout(stopListening, DRAIN_MS);
  setTimeout(() => {
    console.log("keydesk: requests still open after the grace period, closing them");
    server.closeAllConnections();
    process.exit(0);
  }, DRAIN_MS + SHUTDOWN_GRACE_MS).unref();
}

function stopListening() {
  // Stop listening, and exit once the last connection has ended. net.Server's close, not
  // http.Server's: the latter also drops every connection without a request in progress — including
  // one just accepted whose request has not been read yet, which its client sees as a reset.
  net.Server.prototype.close.call(server, () => process.exit(0));
  // Keep-alive connections waiting for a next request close now; a connection whose request is
  // running (or not read yet) is answered with "Connection: close" and then closes.
  for (const [socket, connection] of connections) {
    if (connection.active === 0 && connection.answered > 0) socket.destroySoon();
  }
}

// The /api/ routes skip proxy.ts (its middleware round trip cost a fifth of a look-up), so the
// headers it stamps on every page request are stamped here: the CSP with a fresh nonce (Next.js
// reads both request headers if such a route renders an HTML error page) and the request id, each
// overwriting whatever a client sent.
function stampApiRequest(req, res) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev, https: hsts });
  const requestId = newRequestId();
  req.headers["x-nonce"] = nonce;
  req.headers["content-security-policy"] = csp;
  req.headers["x-keydesk-request-id"] = requestId;
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Request-Id", requestId);
}

// Next.js removes Content-Length from route handler responses; a file download relays it in
// x-keydesk-content-length (lib/downloads/serve-download.ts) so browsers can show progress.
function restoreContentLength(res) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    const length = res.getHeader("x-keydesk-content-length");
    if (length !== undefined) {
      res.removeHeader("x-keydesk-content-length");
      if (/^\d+$/.test(String(length))) res.setHeader("content-length", String(length));
    }
    return writeHead.apply(this, args);
  };
}
