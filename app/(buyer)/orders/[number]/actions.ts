"use server";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { requireBuyer } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { revealLicenseKey } from "@/lib/licenses/reveal-license-key";
import { log } from "@/lib/log";
import type { TRevealResult } from "@/app/_components/reveal-secret";

/** Reveals one of the signed-in buyer's licence keys (ownership and the audit event are in lib). */
export async function revealKey(keyId: unknown): Promise<TRevealResult> {
  const buyer = await requireBuyer();
  try {
    const requestHeaders = await headers();
    const { value } = await revealLicenseKey({
      buyer,
      keyId: typeof keyId === "string" ? keyId : "",
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
    });
    return { ok: true, value };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { ok: false, error: error.message };
    log.error("licence key reveal failed", { error });
    return { ok: false, error: "Something went wrong on our side. Please try again." };
  }
}
