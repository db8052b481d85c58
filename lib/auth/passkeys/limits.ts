import "server-only";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import type { TRequestMeta } from "@/lib/http/request-meta";

// Options and answers are cheap to ask for but each stores a challenge and runs signature checks:
// enough for real use (a few tries, a cancelled prompt), not a way to fill the table or burn CPU.
export const PASSKEY_LIMIT_PER_IP: TLimit = { name: "agent-passkey:ip", max: 40, windowSeconds: 15 * 60 };
export const PASSKEY_LIMIT_PER_AGENT: TLimit = { name: "agent-passkey:agent", max: 20, windowSeconds: 15 * 60 };

/** Counts one passkey request (options or answer) per IP and, when known, per agent. */
export async function countPasskeyRequest(meta: TRequestMeta, agentId: string | null): Promise<void> {
  await enforceRateLimit(PASSKEY_LIMIT_PER_IP, meta.ip ?? "unknown");
  if (agentId) await enforceRateLimit(PASSKEY_LIMIT_PER_AGENT, agentId);
}
