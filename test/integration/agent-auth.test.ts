import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt } from "@/lib/crypto/encryption";
import { createAgent } from "@/lib/agents/create-agent";
import { createAgentFromCli } from "@/lib/agents/create-agent-from-cli";
import { setAgentDisabled } from "@/lib/agents/set-agent-disabled";
import { listAgents } from "@/lib/agents/list-agents";
import { ZFirstRunSetup, ZNewAgent, ZSetAgentDisabled, type TNewAgentInput } from "@/lib/agents/schemas";
import { authenticateAgent, GENERIC_SIGN_IN_ERROR } from "@/lib/auth/authenticate-agent";
import { ACCOUNT_RULE } from "@/lib/auth/sign-in-throttle";
import { revokeAllAgentSessions, validateAgentSession } from "@/lib/auth/agent-sessions";
import { signOutAgentSession } from "@/lib/auth/sign-out-agent";
import { firstRunSetupLink, isSetupTokenUsable } from "@/lib/agents/first-run-setup";
import { completeFirstRunSetup } from "@/lib/agents/complete-first-run-setup";
import { env } from "@/lib/env";
import { hashToken } from "@/lib/crypto/tokens";
import { parseOrThrow, type AppError } from "@/lib/errors";
import { systemMeta } from "@/lib/http/request-meta";
import { AGENT_PASSWORD as PASSWORD, errorOf, givenAgent, meta, nextIp } from "../helpers/actors";

const CLI = { type: "system", label: "cli" } as const;

async function signIn(email: string, password: string, ip = nextIp()) {
  return authenticateAgent({ email, password }, meta({ ip }));
}

/** An agent made the way the operator CLI makes one (`keydesk agent:create`). */
function fromCli(input: Partial<TNewAgentInput> & { email: string }) {
  return createAgentFromCli(
    CLI,
    parseOrThrow(ZNewAgent, { name: "Someone", role: "agent", password: PASSWORD, ...input }),
    systemMeta(),
  );
}

describe("first-run setup", () => {
  it("prints a link once, valid 1 h; a restart makes no new one until it expired", async () => {
    const start = new Date();
    const made = await firstRunSetupLink(start);
    expect(made?.status).toBe("created");
    const url = made?.status === "created" ? made.url : "";
    expect(made?.expiresAt.getTime()).toBe(start.getTime() + 3_600_000);
    const token = decodeURIComponent(new URL(url).searchParams.get("token") ?? "");
    expect(await isSetupTokenUsable(token)).toBe(true);
    // A restart within the hour: no link to print, the first one still works.
    const restart = await firstRunSetupLink(new Date(start.getTime() + 59 * 60_000));
    expect(restart).toEqual({ status: "pending", expiresAt: made?.expiresAt });
    expect(await isSetupTokenUsable(token)).toBe(true);
    // A start after it expired (and still no admin): a new link, the old one gone.
    const later = await firstRunSetupLink(new Date(start.getTime() + 3_600_001));
    expect(later?.status).toBe("created");
    expect(later?.status === "created" && later.url).not.toBe(url);
    expect(await isSetupTokenUsable(token)).toBe(false);
    expect(await db().verificationToken.count({ where: { purpose: "agent_setup" } })).toBe(1);
    await db().verificationToken.deleteMany({ where: { purpose: "agent_setup" } });
  });

  it("issues a one-time link while no admin exists and burns it on use", async () => {
    const made = await firstRunSetupLink();
    const link = made?.status === "created" ? made.url : null;
    expect(link).toMatch(/\/agent\/setup\?token=/);
    const token = decodeURIComponent(new URL(link ?? "").searchParams.get("token") ?? "");
    expect(await isSetupTokenUsable(token)).toBe(true);
    // The token is stored only as a keyed hash.
    const stored = await db().verificationToken.findMany({ where: { purpose: "agent_setup" } });
    expect(stored.map((s) => s.tokenHash)).toContain(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // The setup form's schema (which the action's wrapper runs) refuses a weak password…
    const weak = await errorOf(
      Promise.resolve().then(() =>
        parseOrThrow(ZFirstRunSetup, { token, email: "root@example.com", name: "Root", password: "short" }),
      ),
    );
    expect(weak.fieldErrors?.password).toBeDefined();
    expect(await isSetupTokenUsable(token)).toBe(true); // … and a refused attempt does not burn the link

    const setup = (email: string, name: string) =>
      completeFirstRunSetup(parseOrThrow(ZFirstRunSetup, { token, email, name, password: PASSWORD }), meta());
    const [first, second] = await Promise.allSettled([
      setup("root@example.com", "Root"),
      setup("root2@example.com", "Root 2"),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().agent.count({ where: { role: "admin" } })).toBe(1);
    expect(await isSetupTokenUsable(token)).toBe(false);
    expect(await firstRunSetupLink()).toBeNull();
    // The first admin is made by the system (no one is signed in yet), with the request's address.
    const created = await db().auditEvent.findFirstOrThrow({ where: { action: "agent.created" } });
    expect(created).toMatchObject({ actorType: "system", actorId: null, metadata: { role: "admin" } });
    expect(created.ipEnc && decrypt(created.ipEnc, ENC.auditIp)).toBe("203.0.113.9");
  });
});

describe("agents", () => {
  it("hashes passwords with argon2id at OWASP parameters and refuses duplicates and weak input", async () => {
    const agent = await fromCli({ email: "Sam@Example.com", name: "Sam" });
    const row = await db().agent.findUniqueOrThrow({
      where: { id: agent.id },
      select: { passwordHash: true, emailEnc: true },
    });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.emailEnc).not.toContain("sam");
    const duplicate = await errorOf(fromCli({ email: "sam@example.com", name: "Sam" }));
    expect(duplicate.code).toBe("conflict");
    // What the console form and the CLI send is parsed by the same schema.
    const bad = await errorOf(
      Promise.resolve().then(() => parseOrThrow(ZNewAgent, { email: "nope", name: "", role: "boss", password: "x" })),
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
  });

  it("lets only admins create agents, and audits who did it", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    const input = parseOrThrow(ZNewAgent, { email: "new@example.com", name: "New", role: "admin", password: PASSWORD });
    // An agent cannot make anyone (least of all an admin), even when called without the action's guard.
    expect((await errorOf(createAgent(agent, input, meta()))).code).toBe("forbidden");
    expect(await db().agent.count({ where: { name: "New" } })).toBe(0);

    const created = await createAgent(admin, input, meta({ ip: "203.0.113.50" }));
    expect(created).toMatchObject({ name: "New", role: "admin" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "agent.created", targetId: created.id } });
    expect(event).toMatchObject({ actorType: "agent", actorId: admin.agentId });
    expect(event.ipEnc && decrypt(event.ipEnc, ENC.auditIp)).toBe("203.0.113.50");
    expect((await listAgents(admin)).map((a) => a.email)).toContain("new@example.com");
    expect((await errorOf(listAgents(agent))).code).toBe("forbidden");
    // The CLI path is the system's own, and says so in the audit log.
    const cli = await fromCli({ email: "ops@example.com", role: "admin" });
    expect(
      await db().auditEvent.findFirstOrThrow({ where: { action: "agent.created", targetId: cli.id } }),
    ).toMatchObject({ actorType: "system", actorId: null });
  });

  it("disables and re-enables agents (admins only; never oneself or the last admin)", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    const disable = (agentId: string) => parseOrThrow(ZSetAgentDisabled, { agentId, disabled: "true" });
    expect((await errorOf(setAgentDisabled(agent, disable(admin.agentId), meta()))).code).toBe("forbidden");
    expect((await errorOf(setAgentDisabled(admin, disable(admin.agentId), meta()))).message).toMatch(/your own/);
    await setAgentDisabled(admin, disable(agent.agentId), meta());
    const session = await db().session.findUniqueOrThrow({
      where: { id: agent.sessionId },
      select: { revokedAt: true },
    });
    expect(session.revokedAt).not.toBeNull(); // signed out at once
    const row = await db().agent.findUniqueOrThrow({ where: { id: agent.agentId }, select: { disabledAt: true } });
    expect(row.disabledAt).not.toBeNull();
    await setAgentDisabled(
      admin,
      parseOrThrow(ZSetAgentDisabled, { agentId: agent.agentId, disabled: "false" }),
      meta(),
    );
    expect(
      (await db().agent.findUniqueOrThrow({ where: { id: agent.agentId }, select: { disabledAt: true } })).disabledAt,
    ).toBeNull();
  });

  it("signs in with the right password and gives one generic error otherwise", async () => {
    await fromCli({ email: "kim@example.com", name: "Kim" });
    const ok = await signIn("KIM@example.com ", PASSWORD);
    const session = await validateAgentSession(ok.sessionToken);
    expect(session).toMatchObject({ name: "Kim", email: "kim@example.com", role: "agent" });

    const before = await db().auditEvent.count({ where: { action: "agent.sign_in_failed" } });
    const wrong = await errorOf(signIn("kim@example.com", "wrong password!!"));
    const unknown = await errorOf(signIn("nobody@example.com", "wrong password!!"));
    expect(wrong.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(unknown.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(wrong.code).toBe(unknown.code);
    const failures = await db().auditEvent.count({ where: { action: "agent.sign_in_failed" } });
    expect(failures - before).toBe(2);
  });

  it("records the request's address and browser on the session and the sign-in/sign-out events", async () => {
    await fromCli({ email: "ria@example.com", name: "Ria" });
    const signedIn = await authenticateAgent(
      { email: "ria@example.com", password: PASSWORD },
      meta({ ip: "203.0.113.61", userAgent: "Firefox/140" }),
    );
    const session = await db().session.findUniqueOrThrow({ where: { tokenHash: hashToken(signedIn.sessionToken) } });
    expect(session.userAgent).toBe("Firefox/140");
    expect(session.ipEnc && decrypt(session.ipEnc, ENC.sessionIp)).toBe("203.0.113.61");
    const agent = await validateAgentSession(signedIn.sessionToken);
    if (!agent) throw new Error("no session");
    await signOutAgentSession(agent, meta({ ip: "203.0.113.62", userAgent: "Firefox/140" }));
    expect(await validateAgentSession(signedIn.sessionToken)).toBeNull();
    const events = await db().auditEvent.findMany({
      where: { actorId: agent.agentId, action: { in: ["agent.sign_in", "agent.sign_out"] } },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => [e.action, e.userAgent, e.ipEnc && decrypt(e.ipEnc, ENC.auditIp)])).toEqual([
      ["agent.sign_in", "Firefox/140", "203.0.113.61"],
      ["agent.sign_out", "Firefox/140", "203.0.113.62"],
    ]);
  });

  it("throttles per submitted address, known or not, even across IPs", async () => {
    for (const email of ["lee@example.com", "ghost@example.com"]) {
      if (email === "lee@example.com") await fromCli({ email, name: "Lee" });
      for (let i = 0; i <= ACCOUNT_RULE.freeFailures; i++) await errorOf(signIn(email, "wrong password!!"));
      const limited = await errorOf(signIn(email, email === "lee@example.com" ? PASSWORD : "x"));
      expect(limited.code).toBe("rate_limited");
      expect(limited.message).toMatch(/Try again in \d+ seconds/);
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
    const agent = await fromCli({ email: "max@example.com", name: "Max", role: "agent" });
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
