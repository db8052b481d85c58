// Shared set-up for the account and privacy integration tests: signed-in buyers, agents, mail.
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { createBuyerSession, validateBuyerSession } from "@/lib/auth/buyer-sessions";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { AppError } from "@/lib/errors";
import type { TAgentSession, TBuyerSession } from "@/lib/auth/types";

export async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** A new buyer session for the customer of `email` (as the sign-in link would open it). */
export async function signedIn(email: string, userAgent: string | null = null): Promise<TBuyerSession> {
  const customer = await db().customer.findUniqueOrThrow({
    where: { emailHash: emailIndex(email) },
    select: { id: true },
  });
  const token = await db().$transaction((tx) =>
    createBuyerSession(tx, { customerId: customer.id, ip: "203.0.113.9", userAgent }),
  );
  const buyer = await validateBuyerSession(token);
  if (!buyer) throw new Error("session did not validate");
  return buyer;
}

export function agentSession(role: "admin" | "agent" = "admin"): TAgentSession {
  return { sessionId: "test-session", agentId: `agent-${role}`, name: "Test Agent", email: "agent@example.com", role };
}

/** Every queued mail (decrypted), optionally only those of one kind, oldest first. */
export async function mails(kind?: string) {
  const rows = await db().outboxMessage.findMany({
    where: { channel: "mail", ...(kind ? { kind } : {}) },
    omit: { payloadEnc: false },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, ...decryptOutboxMail(r.payloadEnc) }));
}

/** The token of the first link to `path` in a mail's text. */
export function linkToken(text: string, path: string): string {
  const match = new RegExp(`${path.replace(/[/?]/g, "\\$&")}\\?token=([\\w%-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in mail`);
  return decodeURIComponent(match[1]);
}
