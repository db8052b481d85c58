import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { safeEqual } from "@/lib/crypto/tokens";
import { signChallenge } from "@/lib/pow/pow-key";
import { POW_MAX_NUMBER, POW_TTL_SECONDS } from "@/lib/pow/create-pow-challenge";
import { AppError } from "@/lib/errors";

/** What the browser posts back: the puzzle it was given plus the number it found. */
export const ZPowSolution = z.object({
  algorithm: z.literal("SHA-256"),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  salt: z.string().regex(/^[0-9a-f]{24}\?expires=\d{10}$/),
  number: z.number().int().min(0).max(POW_MAX_NUMBER),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TPowSolution = z.infer<typeof ZPowSolution>;

export type TPowFailure = "missing" | "malformed" | "forged" | "wrong" | "expired" | "replayed";

const MESSAGE = "The automatic spam check did not finish. Wait a moment until it says “Ready”, then send again.";

/** Reads the form field (base64 JSON, as the widget writes it); null when it is not a solution. */
export function parsePowField(value: unknown): TPowSolution | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 1000) return null;
  try {
    const parsed = ZPowSolution.safeParse(JSON.parse(Buffer.from(value, "base64").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Checks a solution without using it: signed by us, solved, not expired. */
export function checkPowSolution(solution: TPowSolution | null, now = new Date()): TPowFailure | null {
  if (!solution) return "malformed";
  if (!safeEqual(signChallenge(solution.challenge), solution.signature)) return "forged";
  const hash = createHash("sha256").update(`${solution.salt}${solution.number}`).digest("hex");
  if (!safeEqual(hash, solution.challenge)) return "wrong";
  const expires = Number(solution.salt.split("?expires=")[1]);
  if (expires * 1000 <= now.getTime()) return "expired";
  return null;
}

/**
 * Verifies a guest form's proof of work and uses it up: a solution counts once. Used challenges are
 * kept in the IdempotencyKey table (shared by every instance) until they would have expired anyway;
 * the primary key makes a second use fail even when both arrive at the same moment.
 */
export async function consumePowSolution(value: unknown, now = new Date()): Promise<void> {
  const solution = parsePowField(value);
  const failure = value === undefined || value === "" ? "missing" : checkPowSolution(solution, now);
  if (failure || !solution)
    throw new AppError("invalid_input", MESSAGE, {
      fieldErrors: { pow: ["The spam check is not finished yet."] },
      key: "powNotReady",
      fieldKeys: { pow: "powNotFinished" },
    });
  try {
    await db().idempotencyKey.create({
      data: {
        key: `pow:${solution.challenge}`,
        requestHash: "pow",
        expiresAt: new Date(now.getTime() + POW_TTL_SECONDS * 1000),
      },
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") {
      throw new AppError("invalid_input", "This form was already sent. Reload the page to send another message.", {
        fieldErrors: { pow: ["Already used"] },
        key: "formAlreadySent",
        fieldKeys: { pow: "alreadyUsed" },
      });
    }
    throw error;
  }
}
