import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAgent } from "@/lib/agents/create-agent";
import { authenticateAgent, GENERIC_SIGN_IN_ERROR, SIGN_IN_LIMIT_PER_ACCOUNT } from "@/lib/auth/authenticate-agent";
import { revokeAllAgentSessions, validateAgentSession } from "@/lib/auth/agent-sessions";
import { firstRunSetupLink, isSetupTokenUsable } from "@/lib/agents/first-run-setup";
import { completeFirstRunSetup } from "@/lib/agents/complete-first-run-setup";
import { env } from "@/lib/env";
import { hashToken } from "@/lib/crypto/tokens";
import { AppError } from "@/lib/errors";

const PASSWORD = "correct horse battery staple";
let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter}`;

async function signIn(email: string, password: string, ip = nextIp()) {
  return authenticateAgent({ email, password, ip, userAgent: "vitest" });
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("first-run setup", () => {
  it("issues a one-time link while no admin exists and burns it on use", async () => {
    const link = await firstRunSetupLink();
    expect(link).toMatch(/\/agent\/setup\?token=/);
    const token = decodeURIComponent(new URL(link ?? "").searchParams.get("token") ?? "");
    expect(await isSetupTokenUsable(token)).toBe(true);
    // The token is stored only as a keyed hash.
    const stored = await db().verificationToken.findMany({ where: { purpose: "agent_setup" } });
    expect(stored.map((s) => s.tokenHash)).toContain(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const weak = await errorOf(
      completeFirstRunSetup({ token, email: "root@example.com", name: "Root", password: "short" }),
    );
    expect(weak.fieldErrors?.password).toBeDefined();
    expect(await isSetupTokenUsable(token)).toBe(true); // a failed attempt does not burn the link

    const [first, second] = await Promise.allSettled([
      completeFirstRunSetup({ token, email: "root@example.com", name: "Root", password: PASSWORD }),
      completeFirstRunSetup({ token, email: "root2@example.com", name: "Root 2", password: PASSWORD }),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().agent.count({ where: { role: "admin" } })).toBe(1);
    expect(await isSetupTokenUsable(token)).toBe(false);
    expect(await firstRunSetupLink()).toBeNull();
  });
});

describe("agents", () => {
  it("hashes passwords with argon2id at OWASP parameters and refuses duplicates and weak input", async () => {
    const agent = await createAgent({ email: "Sam@Example.com", name: "Sam", role: "agent", password: PASSWORD }, null);
    const row = await db().agent.findUniqueOrThrow({
      where: { id: agent.id },
      select: { passwordHash: true, emailEnc: true },
    });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.emailEnc).not.toContain("sam");
    const duplicate = await errorOf(
      createAgent({ email: "sam@example.com", name: "Sam", role: "agent", password: PASSWORD }, null),
    );
    expect(duplicate.code).toBe("conflict");
    const bad = await errorOf(createAgent({ email: "nope", name: "", role: "boss", password: "x" }, null));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
  });

  it("signs in with the right password and gives one generic error otherwise", async () => {
    await createAgent({ email: "kim@example.com", name: "Kim", role: "agent", password: PASSWORD }, null);
    const ok = await signIn("KIM@example.com ", PASSWORD);
    const session = await validateAgentSession(ok.sessionToken);
    expect(session).toMatchObject({ name: "Kim", email: "kim@example.com", role: "agent" });

    const wrong = await errorOf(signIn("kim@example.com", "wrong password!!"));
    const unknown = await errorOf(signIn("nobody@example.com", "wrong password!!"));
    expect(wrong.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(unknown.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(wrong.code).toBe(unknown.code);
    const failures = await db().auditEvent.count({ where: { action: "agent.sign_in_failed" } });
    expect(failures).toBe(2);
  });

  it("throttles per submitted address, known or not, even across IPs", async () => {
    for (const email of ["lee@example.com", "ghost@example.com"]) {
      if (email === "lee@example.com")
        await createAgent({ email, name: "Lee", role: "agent", password: PASSWORD }, null);
      for (let i = 0; i < SIGN_IN_LIMIT_PER_ACCOUNT.max; i++) await errorOf(signIn(email, "wrong password!!"));
      const limited = await errorOf(signIn(email, email === "lee@example.com" ? PASSWORD : "x"));
      expect(limited.code).toBe("rate_limited");
      expect(limited.message).toMatch(/Try again in \d+ minutes?/);
    }
  });

  it("throttles per IP", async () => {
    const ip = "203.0.113.9";
    let limited: AppError | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const error = await errorOf(signIn(`user${i}@example.com`, "wrong password!!", ip));
      if (error.code === "rate_limited") limited = error;
    }
    expect(limited?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("ends sessions when revoked, idle too long, past their lifetime, or the agent is disabled", async () => {
    const agent = await createAgent({ email: "max@example.com", name: "Max", role: "admin", password: PASSWORD }, null);
    const idle = await signIn("max@example.com", PASSWORD);
    const now = Date.now();
    expect(await validateAgentSession(idle.sessionToken, new Date(now + env().agentIdleMs + 1000))).toBeNull();
    expect(await validateAgentSession(idle.sessionToken)).toBeNull(); // revoked once found idle

    const old = await signIn("max@example.com", PASSWORD);
    await db().session.updateMany({
      where: { tokenHash: hashToken(old.sessionToken) },
      data: { expiresAt: new Date(now - 1) },
    });
    expect(await validateAgentSession(old.sessionToken)).toBeNull();

    const a = await signIn("max@example.com", PASSWORD);
    const b = await signIn("max@example.com", PASSWORD);
    expect(await revokeAllAgentSessions(agent.id)).toBe(2);
    expect(await validateAgentSession(a.sessionToken)).toBeNull();
    expect(await validateAgentSession(b.sessionToken)).toBeNull();

    const c = await signIn("max@example.com", PASSWORD);
    await db().agent.update({ where: { id: agent.id }, data: { disabledAt: new Date() } });
    expect(await validateAgentSession(c.sessionToken)).toBeNull();
    expect((await errorOf(signIn("max@example.com", PASSWORD))).message).toBe(GENERIC_SIGN_IN_ERROR);
  });
});
