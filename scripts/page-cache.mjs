// The anonymous page cache of scripts/server.mjs: the public pages whose content depends only on the
// language, the brand and the build (`/`, `/lookup`, `/support/new`, `/agent/login`) are rendered
// once and then answered from this process's memory, each answer with a fresh CSP nonce.
//
//   const pages = createPageCache({ port });
//   if (!pages.answer(req, res)) void handle(req, res);   // in the request handler
//
// What keeps it safe (SECURITY.md, "Page cache"):
// - Only a plain `GET` of one of PAGES, without a query string, without Next.js's client-navigation
//   headers and without any cookie but the language cookie is looked up. Anyone else (a signed-in
//   buyer or agent, a visitor in the middle of a sign-in, a `?lang=` link) goes to Next.js as before.
// - The cache is never filled from a visitor's response. A miss is answered by Next.js as usual and
//   starts a *fill*: a request this server sends to itself carrying only the inputs of the key (path,
//   Host, forwarded host/proto, Accept-Language, the language cookie) — so no session, no other cookie,
//   nothing of any visitor can end up in the cached page. A fill answer is kept only when it is a
//   200 `text/html` without Set-Cookie and its body contains the nonce of its CSP header.
// - The nonce is replaced on every answer: the page is kept split at its nonce, and each answer
//   joins it (and the CSP and Link headers) with a fresh one. Two answers never share a nonce.
// - The brand (lib/branding/brand.ts) publishes its in-process copy's state on globalThis: a page is
//   answered only while that copy is current (read less than BRAND_CACHE_MS ago; once it is older the
//   request goes to Next.js while the brand is read again) and of the version the page was
//   rendered with. A save on this instance drops the copy (a new version) and so every page at once;
//   a change saved elsewhere shows here as soon as the copy is read again, as on uncached pages. The
//   build is fixed for the life of the process.
// - The HTML stays `Cache-Control: private, no-store` and keeps its `Vary`: nothing is cached
//   outside this process.
import { Buffer } from "node:buffer";
import http from "node:http";
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { newNonce, newRequestId } from "./security-policy.mjs";

/** The pages whose HTML depends only on language, brand and build (checked by test/e2e/page-cache.test.ts). */
export const CACHED_PAGES = new Set(["/", "/lookup", "/support/new", "/agent/login"]);

/** The language cookie (lib/i18n/locales.ts LOCALE_COOKIE): the only cookie a cached answer may see. */
const LOCALE_COOKIE = "keydesk-locale";

/** The brand copy's state, published by lib/branding/brand.ts: `{ version, until, … }`. */
const BRAND_STATE = Symbol.for("keydesk.brand-cache");

/** At most this many pages (paths × languages × Accept-Language spellings) are kept; oldest first out. */
const MAX_ENTRIES = 200;
/** A page larger than this is not kept. */
const MAX_BODY_BYTES = 1_000_000;
/** Longer Accept-Language headers (real browsers send < 100 characters) are not looked up. */
const MAX_ACCEPT_LANGUAGE = 200;

/** Headers that belong to one answer, never replayed from the cache. */
const PER_RESPONSE = new Set([
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "x-request-id",
  "set-cookie",
]);

/** Next.js's client-navigation (RSC) and server-action request headers: such requests are never cached. */
const NEXT_REQUEST_HEADER = /^(rsc|next-|x-nextjs-|x-action)/;

/**
 * The page cache for a server listening on `port`. `enabled: false` (KEYDESK_PAGE_CACHE=off) makes
 * `answer` always return false.
 */
export function createPageCache({ port, enabled = true }) {
  /** key → { parts: string[], headers: [name, string[]][], version } */
  const entries = new Map();
  /** Keys with a fill in flight (one at a time per key). */
  const filling = new Set();
  /** Marks this server's own fill requests; a client cannot know it. */
  const fillToken = randomBytes(16).toString("hex");
  const FILL_HEADER = "x-keydesk-page-fill";
  let stopped = false;

  function brandState() {
    const state = globalThis[BRAND_STATE];
    return state && typeof state.version === "number" ? state : null;
  }

  /** The cache key of a request that may be answered from the cache, else null. */
  function keyOf(req) {
    if (req.method !== "GET" || !CACHED_PAGES.has(req.url ?? "")) return null;
    const headers = req.headers;
    if (headers.authorization !== undefined) return null;
    for (const name of Object.keys(headers)) if (NEXT_REQUEST_HEADER.test(name)) return null;
    let locale = "";
    if (headers.cookie !== undefined) {
      const cookies = String(headers.cookie)
        .split(";")
        .map((c) => c.trim())
        .filter(Boolean);
      if (cookies.length > 1) return null;
      if (cookies.length === 1) {
        const [name, value = ""] = cookies[0].split("=", 2);
        if (name !== LOCALE_COOKIE || !/^[A-Za-z-]{1,16}$/.test(value)) return null;
        locale = value;
      }
    }
    const acceptLanguage = String(headers["accept-language"] ?? "");
    if (acceptLanguage.length > MAX_ACCEPT_LANGUAGE) return null;
    const host = String(headers.host ?? "");
    const forwardedHost = String(headers["x-forwarded-host"] ?? "");
    const forwardedProto = String(headers["x-forwarded-proto"] ?? "");
    return JSON.stringify([req.url, host, forwardedHost, forwardedProto, locale, acceptLanguage]);
  }

  /** "fresh", "stale" (the brand copy is too old to tell: ask Next.js, keep the page) or "gone". */
  function freshness(entry) {
    const state = brandState();
    if (!state || state.version !== entry.version) return "gone";
    return Date.now() < state.until ? "fresh" : "stale";
  }

  /** Sends the kept page with a fresh nonce (gzipped when the client takes gzip). */
  function send(req, res, entry) {
    const nonce = newNonce();
    for (const [name, parts] of entry.headers) res.setHeader(name, parts.join(nonce));
    res.setHeader("X-Request-Id", newRequestId());
    res.setHeader("X-Keydesk-Page-Cache", "hit");
    const body = Buffer.from(entry.parts.join(nonce));
    if (!/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      res.setHeader("Content-Length", body.length);
      res.end(body);
      return;
    }
    zlib.gzip(body, (error, zipped) => {
      if (error) {
        res.setHeader("Content-Length", body.length);
        res.end(body);
        return;
      }
      res.setHeader("Content-Encoding", "gzip");
      res.setHeader("Content-Length", zipped.length);
      res.end(zipped);
    });
  }

  /** Renders the page for `key` through this server with only the key's inputs, and keeps it. */
  function fill(key) {
    if (filling.has(key) || stopped) return;
    filling.add(key);
    const [url, host, forwardedHost, forwardedProto, locale, acceptLanguage] = JSON.parse(key);
    const headers = { host, [FILL_HEADER]: fillToken };
    if (forwardedHost) headers["x-forwarded-host"] = forwardedHost;
    if (forwardedProto) headers["x-forwarded-proto"] = forwardedProto;
    if (acceptLanguage) headers["accept-language"] = acceptLanguage;
    if (locale) headers.cookie = `${LOCALE_COOKIE}=${locale}`;
    const version = brandState()?.version;
    const done = () => filling.delete(key);
    const request = http.get({ host: "127.0.0.1", port, path: url, headers, agent: false }, (response) => {
      const chunks = [];
      let size = 0;
      response.on("data", (chunk) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      response.on("end", () => {
        done();
        if (size > MAX_BODY_BYTES) return;
        keep(key, response, Buffer.concat(chunks).toString("utf8"), version);
      });
      response.on("error", done);
    });
    request.on("error", done);
    request.setTimeout(10_000, () => request.destroy());
  }

  function keep(key, response, body, versionBefore) {
    const state = brandState();
    // The brand changed (or was dropped) while the page rendered: it may show either; try again later.
    if (!state || !state.brand || state.version !== versionBefore) return;
    const type = String(response.headers["content-type"] ?? "");
    if (response.statusCode !== 200 || !type.startsWith("text/html")) return;
    if (response.headers["set-cookie"] !== undefined || response.headers["content-encoding"] !== undefined) return;
    const nonce = /'nonce-([A-Za-z0-9+/=]{16,})'/.exec(String(response.headers["content-security-policy"] ?? ""))?.[1];
    if (!nonce || !body.includes(nonce)) return;
    const headers = [];
    for (const [name, value] of Object.entries(response.headers)) {
      if (PER_RESPONSE.has(name) || name.startsWith("x-keydesk-")) continue;
      headers.push([name, String(value).split(nonce)]);
    }
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value);
    entries.set(key, { parts: body.split(nonce), headers, version: state.version });
  }

  return {
    /** Answers `req` from the cache and returns true, or returns false (Next.js answers it). */
    answer(req, res) {
      const isFill = req.headers[FILL_HEADER] === fillToken;
      delete req.headers[FILL_HEADER];
      if (!enabled || isFill) return false;
      const key = keyOf(req);
      if (key === null) return false;
      const entry = entries.get(key);
      const state = entry ? freshness(entry) : "gone";
      if (entry && state === "fresh") {
        send(req, res, entry);
        return true;
      }
      res.setHeader("X-Keydesk-Page-Cache", "miss");
      if (state === "gone") {
        entries.delete(key);
        fill(key);
      } else if (state === "stale") {
        brandState()?.refresh?.();
      }
      return false;
    },
    /** No more fills (the server is draining). */
    stop() {
      stopped = true;
    },
  };
}
