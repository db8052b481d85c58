// The HTTP server behind `npm start` / `npm run dev`: Next.js's request handler behind a plain
// Node server, so that Keydesk — not the client — decides the client IP used for rate limits and
// logs. Next.js only fills X-Forwarded-For when it is absent, which would let any client choose
// its own IP; here the socket address is always the last hop, and TRUST_PROXY hops are trusted.
// Plain JavaScript on purpose: it runs without tsx, with React's normal export conditions.
import http from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const trustedHops = Number(process.env.TRUST_PROXY || 0);
// HSTS depends on the public URL, which is known only when the server starts (next.config.js
// headers are fixed at build time).
const hsts = (process.env.APP_URL ?? "").startsWith("https://");

// Tells lib/http/client-info.ts that x-keydesk-client-ip comes from this server (and can be trusted).
process.env.KEYDESK_SERVER = "1";
const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, req.socket.remoteAddress ?? "unknown"];
  req.headers["x-keydesk-client-ip"] = chain[Math.max(0, chain.length - 1 - trustedHops)];
  if (trustedHops === 0) delete req.headers["x-forwarded-for"];
  if (hsts) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  restoreContentLength(res);
  void handle(req, res);
});
if (dev) server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
server.listen(port, () => console.log(`keydesk: listening on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
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
