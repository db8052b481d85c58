// What two builds of the same commit must agree on to serve one site side by side (several machines,
// each running its own `next build`), read by next.config.js at build time and again when the
// server starts:
//
// - the server-action key. Next.js encrypts the arguments bound to a server action into the page
//   with it and salts the action ids with it; left to itself it generates a random key per build,
//   so a form rendered by one build fails on another ("Failed to find Server Action"). Keydesk
//   derives it from KEYDESK_SECRET (HKDF-SHA256, the same scheme as lib/crypto/keys.ts, purpose
//   "next-server-actions") unless NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is set. KEYDESK_SECRET must
//   therefore be in the environment of `npm run build` as well as of `npm start` on every machine.
// - the deployment id, which the browser sends back with each client navigation and asset request:
//   KEYDESK_BUILD_ID, else the git commit of the checkout, else none (Next.js then picks a random
//   build id, which is fine for a single build).
//
// Plain JavaScript: next.config.js loads it before anything is compiled. Never prints the key.
import { execFileSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { hkdfSync } from "node:crypto";

const MIN_SECRET_BYTES = 32;

/** The server-action key (base64 of 32 bytes) derived from KEYDESK_SECRET, or undefined without it. */
export function serverActionsKey(env = process.env) {
  if (env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) return env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
  const secret = (env.KEYDESK_SECRET ?? "").trim();
  if (!secret) return undefined;
  const master =
    /^[0-9a-f]+$/i.test(secret) && secret.length % 2 === 0
      ? Buffer.from(secret, "hex")
      : Buffer.from(secret.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  // A short secret is refused with a clear message by lib/env.ts when the server starts.
  if (master.length < MIN_SECRET_BYTES) return undefined;
  const key = hkdfSync("sha256", master, Buffer.from("keydesk.v1"), Buffer.from("next-server-actions"), 32);
  return Buffer.from(key).toString("base64");
}

/** KEYDESK_BUILD_ID, else the checkout's git commit, else undefined. Only [A-Za-z0-9_-] is kept. */
export function deploymentId(dir, env = process.env) {
  const given = env.KEYDESK_BUILD_ID?.trim();
  if (given) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(given)) {
      throw new Error("KEYDESK_BUILD_ID may only contain letters, digits, - and _ (at most 64)");
    }
    return given;
  }
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(commit) ? commit.slice(0, 16) : undefined;
  } catch {
    return undefined;
  }
}
