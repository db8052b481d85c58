// A shorter way through scripts/server.mjs for the machine-facing JSON endpoints: the compiled route
// handler of the build (the same `jsonRoute` / `fileRoute` wrapper, schema, use case and error
// JSON) is called straight from the Node request, without Next.js's router, request stores and
// response pipeline — which cost about half of a look-up's time (bench/PROFILE.md). Everything
// around the handler stays where it was: server.mjs has already set the client IP, the request id,
// the CSP and HSTS, counts the request for the drain and observes it for the log and /metrics; the
// static headers of next.config.js are read from the build's routes manifest and set exactly as
// Next.js sets them. Any other method or path (HEAD, OPTIONS, a wrong method: Next.js's 405) goes
// to Next.js. KEYDESK_API_FAST_PATH=off sends these to Next.js too (test/e2e/api-fast-path.test.ts
// compares both ways). Plain JavaScript like server.mjs.
/* global Request -- Node's own (fetch API), what the route handlers take */
import { Buffer } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { ReadableStream } from "node:stream/web";

// "METHOD /path" → the compiled route module. Only handlers that read nothing but the Request
// (no cookies(), headers(), after() — those need Next.js's request stores).
const ROUTES = {
  "GET /api/health": "app/api/health/route.js",
  "GET /api/ready": "app/api/ready/route.js",
  "POST /api/v1/lookup": "app/api/v1/lookup/route.js",
};

// Bodies that declare at most this many bytes are read into memory before the handler runs (a
// look-up is ~40 bytes); others, and chunked ones, are streamed, so the handler's own limit
// (lib/http/read-limited.ts) stops reading a large one early, exactly as behind Next.js.
const BUFFERED_BODY_BYTES = 64 * 1024;

/**
 * Loads the handlers from the build in `root`. Returns `answer(req, res)`, which answers a request
 * of one of the routes above and returns true, or returns false for Next.js to answer it.
 */
export async function createApiFastPath(root, { enabled = true, origin }) {
  if (!enabled) return () => false;
  const requireFromBuild = createRequire(path.join(root, ".next/server/"));
  const staticHeaders = loadStaticHeaders(root);
  const routes = new Map();
  for (const [key, file] of Object.entries(ROUTES)) {
    const [method, pathname] = key.split(" ");
    const { routeModule } = requireFromBuild(`./${file}`);
    await routeModule.ensureUserland?.();
    const handler = routeModule.userland?.[method];
    if (typeof handler !== "function") throw new Error(`api fast path: ${file} has no ${method} handler`);
    routes.set(key, { handler, headers: staticHeaders(pathname) });
  }

  return function answer(req, res) {
    const route = routes.get(`${req.method} ${req.url}`);
    if (!route) return false;
    respond(route, req, res, origin).catch((error) => {
      // The wrappers turn every failure of the handler into a JSON answer; this is the request
      // itself failing (the client went away while sending its body) or a bug here. The error's
      // name only: a message could quote a header.
      if (req.destroyed || res.headersSent) return void res.destroy();
      console.error(
        JSON.stringify({
          t: new Date().toISOString(),
          level: "error",
          msg: "api fast path failed",
          error: error instanceof Error ? error.name : typeof error,
        }),
      );
      res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "internal", message: "Something went wrong on our side." } }));
    });
    return true;
  };
}

async function respond(route, req, res, origin) {
  const request = new Request(origin + req.url, {
    method: req.method,
    headers: headersOf(req),
    ...(req.method === "GET" ? {} : await bodyOf(req)),
  });
  const response = await route.handler(request, { params: Promise.resolve({}) });
  // JSON: as text, so Node sends the head and the body in one write.
  const body = await response.text();
  for (const [name, value] of route.headers) res.setHeader(name, value);
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.statusCode = response.status;
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

/** Node's parsed headers as name/value pairs (a second Headers object would only be copied). */
function headersOf(req) {
  const pairs = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) pairs.push([name, one]);
    else if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}

/** The request body for `new Request`: in memory when small and declared, else a stream. */
async function bodyOf(req) {
  const declared = req.headers["content-length"];
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= BUFFERED_BODY_BYTES) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return { body: Buffer.concat(chunks) };
  }
  return { body: streamOf(req), duplex: "half" };
}

/**
 * A pull stream over the Node request: nothing is read that the handler does not ask for, and when
 * it stops reading (a body over its limit) the rest is left to Node, which discards it after the
 * answer — the socket stays up, so the client gets its 413.
 */
function streamOf(req) {
  let cancelled = false;
  return new ReadableStream({
    start(controller) {
      req.pause();
      req.on("data", (chunk) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once("end", () => cancelled || controller.close());
      req.once("error", (error) => cancelled || controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      req.removeAllListeners("data");
      req.resume();
    },
  });
}

/** next.config.js `headers()` as the build compiled them: `(pathname) => [[name, value], …]`. */
function loadStaticHeaders(root) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/routes-manifest.json"), "utf8"));
  const rules = (manifest.headers ?? []).map((rule) => {
    if (rule.has || rule.missing) throw new Error("api fast path: conditional headers in next.config.js");
    return { regex: new RegExp(rule.regex), headers: rule.headers.map((h) => [h.key, h.value]) };
  });
  return (pathname) => rules.filter((rule) => rule.regex.test(pathname)).flatMap((rule) => rule.headers);
}
