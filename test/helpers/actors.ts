// Who acts in an integration test: signed-in buyers and agents through the real session code, the
// request meta a wrapper would build, and a way to catch the AppError a use case throws.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { encrypt } from "@/lib/crypto/encryption";
import { ENC } from "@/lib/crypto/contexts";
import { newId } from "@/lib/crypto/tokens";
import { createBuyerSession, validateBuyerSession } from "@/lib/auth/buyer-sessions";
import { createAgentSession, validateAgentSession } from "@/lib/auth/agent-sessions";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { TAdminSession, TAgentSession, TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** The password every agent made by `givenAgent` signs in with. */
export const AGENT_PASSWORD = "correct horse battery staple";

let ipCounter = 0;
/** A fresh documentation-range address, so per-IP limits of one test do not touch another. */
export const nextIp = (): string => `198.51.100.${(++ipCounter % 250) + 1}`;

/** Request meta as the wrappers build it (`lib/http/request-meta.ts`). */
export function meta(overrides: Partial<TRequestMeta> = {}): TRequestMeta {
  return { ip: "203.0.113.9", userAgent: "vitest", requestId: randomUUID(), locale: "en", ...overrides };
}

/** The AppError a promise rejects with; fails the test if it resolves or throws anything else. */
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
export async function signedIn(
  email: string,
  session: { ip?: string | null; userAgent?: string | null } = {},
): Promise<TBuyerSession> {
  const customer = await db().customer.findUniqueOrThrow({
    where: { emailHash: emailIndex(email) },
    select: { id: true },
  });
  const token = await db().$transaction((tx) =>
    createBuyerSession(tx, {
      customerId: customer.id,
      ip: session.ip === undefined ? "203.0.113.9" : session.ip,
      userAgent: session.userAgent ?? null,
    }),
  );
  const buyer = await validateBuyerSession(token);
  if (!buyer) throw new Error("session did not validate");
  return buyer;
}

/**
 * A real agent row (password `AGENT_PASSWORD`) and a real session for them, validated as every
 * request validates it. Each call makes a new agent unless `email` names an existing one.
 */
export async function givenAgent(role: "agent", email?: string): Promise<TAgentSession>;
export async function givenAgent(role: "admin", email?: string): Promise<TAdminSession>;
export async function givenAgent(role: "admin" | "agent", email?: string): Promise<TAgentSession>;
export async function givenAgent(role: "admin" | "agent", email?: string): Promise<TAgentSession> {
  const address = (email ?? `${role}-${newId()}@desk.example`).toLowerCase();
  const existing = await db().agent.findUnique({ where: { emailHash: emailIndex(address) }, select: { id: true } });
  const agentId = existing?.id ?? newId();
  if (!existing) {
    await db().agent.create({
      data: {
        id: agentId,
        emailHash: emailIndex(address),
        emailEnc: encrypt(address, ENC.agentEmail),
        name: address.split("@")[0] ?? "Agent",
        role,
        passwordHash: await hashPassword(AGENT_PASSWORD),
      },
    });
  }
  const token = await db().$transaction((tx) => createAgentSession(tx, { agentId, ip: nextIp(), userAgent: "vitest" }));
  const agent = await validateAgentSession(token);
  if (!agent) throw new Error("agent session did not validate");
  return agent;
}
