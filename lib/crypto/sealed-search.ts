import "server-only";
import { z } from "zod";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import type { TAgentSession } from "@/lib/auth/types";

/** How long a search link works (long enough to reload or go back, short enough to be useless later). */
export const SEARCH_TOKEN_MS = 60 * 60_000;

const ZSealed = z.object({ a: z.string(), q: z.string(), t: z.number() });

/**
 * An agent's search text as an opaque URL value: encrypted (AES-GCM, its own context), bound to the
 * agent and dated. Searches are posted and answered with a redirect to `?s=<this>`, so an e-mail
 * address or licence key never appears in a URL, the browser history or a proxy's access log, while
 * reloading and "back" still work.
 */
export function sealAgentSearch(agent: TAgentSession, query: string, now = Date.now()): string {
  const sealed = encrypt(JSON.stringify({ a: agent.agentId, q: query, t: now }), ENC.agentSearch);
  return Buffer.from(sealed, "utf8").toString("base64url");
}

/** The search text of a token made by `sealAgentSearch` for this agent, or "" (missing, foreign, expired or tampered). */
export function openAgentSearch(agent: TAgentSession, token: unknown, now = Date.now()): string {
  const value = Array.isArray(token) ? (token as unknown[])[0] : token;
  if (typeof value !== "string" || value === "" || value.length > 2000) return "";
  try {
    const parsed = ZSealed.safeParse(
      JSON.parse(decrypt(Buffer.from(value, "base64url").toString("utf8"), ENC.agentSearch)),
    );
    if (!parsed.success || parsed.data.a !== agent.agentId) return "";
    if (now - parsed.data.t > SEARCH_TOKEN_MS || parsed.data.t > now + 60_000) return "";
    return parsed.data.q;
  } catch {
    return "";
  }
}
