// Agents' passkeys (issue 15 item 1): registration and authentication through the real use cases
// and @simplewebauthn/server, answered by a software authenticator (test/helpers/
// software-authenticator.ts) that builds the browser's and the authenticator's bytes itself.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { authenticateAgent } from "@/lib/auth/authenticate-agent";
import { validateAgentSession } from "@/lib/auth/agent-sessions";
import { validatePendingAgentSession } from "@/lib/auth/pending-sessions";
import { finishAgentSignIn } from "@/lib/auth/finish-agent-sign-in";
import { getSecondFactorPage } from "@/lib/auth/get-second-factor-page";
import { getSecurityPage } from "@/lib/auth/get-security-page";
import { resetSecondFactor } from "@/lib/auth/reset-second-factor";
import { listAgents } from "@/lib/agents/list-agents";
import { updateSecuritySettings } from "@/lib/auth/update-security-settings";
import { startPasskeyRegistration } from "@/lib/auth/passkeys/start-passkey-registration";
import { addPasskey, PASSKEY_NOT_ADDED } from "@/lib/auth/passkeys/add-passkey";
import { removePasskey, LAST_SECOND_FACTOR } from "@/lib/auth/passkeys/remove-passkey";
import { startPasskeySecondFactor, startPasskeySignIn } from "@/lib/auth/passkeys/start-passkey-authentication";
import { verifyPasskeySecondFactor, PASSKEY_REFUSED } from "@/lib/auth/passkeys/verify-passkey-second-factor";
import { signInWithPasskey, PASSKEY_SIGN_IN_REFUSED } from "@/lib/auth/passkeys/sign-in-with-passkey";
import { STALE_CHALLENGE } from "@/lib/auth/passkeys/challenges";
import { PASSKEY_LIMIT_PER_IP } from "@/lib/auth/passkeys/limits";
import { ZPasskeyRegistration, ZPasskeySignInCredentials } from "@/lib/auth/passkeys/schemas";
import { parseOrThrow } from "@/lib/errors";
import type { TAgentSession, TPendingAgent } from "@/lib/auth/types";
import { SoftwareAuthenticator, type TCeremonyOptions } from "../helpers/software-authenticator";
import { AGENT_PASSWORD, errorOf, givenAgent, meta, nextIp } from "../helpers/actors";

const newAuthenticator = () =>
  new SoftwareAuthenticator({ origin: env().appOrigin, rpId: new URL(env().appUrl).hostname });

/** Adds a passkey to `agent` from `authenticator`, as /agent/security does. */
async function enrol(agent: TAgentSession, authenticator = newAuthenticator(), ceremony: TCeremonyOptions = {}) {
  const m = meta({ ip: nextIp() });
  const { challengeId, options } = await startPasskeyRegistration(agent, m);
  const input = parseOrThrow(ZPasskeyRegistration, {
    challengeId,
    name: "Laptop",
    response: authenticator.register(options, ceremony),
  });
  const added = await addPasskey(agent, input, m);
  return { ...added, authenticator, input };
}

/** The password step of an agent: the pending session the second-factor page sees. */
async function passwordStep(email: string): Promise<{ sessionToken: string; pending: TPendingAgent }> {
  const result = await authenticateAgent({ email, password: AGENT_PASSWORD }, meta({ ip: nextIp() }));
  const pending = await validatePendingAgentSession(result.sessionToken);
  if (!pending) throw new Error("expected a pending session");
  return { sessionToken: result.sessionToken, pending };
}

/** A passwordless sign-in with `authenticator`, through the same parsing Auth.js's provider does. */
async function passkeySignIn(authenticator: SoftwareAuthenticator, ceremony: TCeremonyOptions = {}) {
  const m = meta({ ip: nextIp() });
  const { challengeId, options } = await startPasskeySignIn(m);
  const response = authenticator.authenticate(options, ceremony);
  const credentials = parseOrThrow(ZPasskeySignInCredentials, { challengeId, response: JSON.stringify(response) });
  return { result: signInWithPasskey(credentials, m), challengeId, response };
}

describe("adding a passkey", () => {
  it("stores the credential with its public key and counter, lists it, and audits it", async () => {
    const agent = await givenAgent("agent");
    const { passkeyId, authenticator } = await enrol(agent);
    const row = await db().agentPasskey.findUniqueOrThrow({ where: { id: passkeyId } });
    expect(row).toMatchObject({ agentId: agent.agentId, credentialId: authenticator.id, name: "Laptop" });
    expect(row.publicKey.length).toBeGreaterThan(50);
    const page = await getSecurityPage(agent);
    expect(page.passkeys.map((p) => [p.id, p.name, p.lastUsedAt])).toEqual([[passkeyId, "Laptop", null]]);
    const audit = await db().auditEvent.findMany({
      where: { actorId: agent.agentId, action: "agent.passkey_enrolled" },
    });
    expect(audit.map((e) => e.targetId)).toEqual([passkeyId]);
  });

  it("refuses a signature made for another origin or another relying party", async () => {
    const agent = await givenAgent("agent");
    for (const ceremony of [{ origin: "https://evil.example" }, { rpId: "evil.example" }]) {
      const error = await errorOf(enrol(agent, newAuthenticator(), ceremony));
      expect(error.message).toBe(PASSKEY_NOT_ADDED);
    }
    expect(await db().agentPasskey.count({ where: { agentId: agent.agentId } })).toBe(0);
  });

  it("refuses a replayed challenge, one of another session, and one without user verification", async () => {
    const agent = await givenAgent("agent");
    const { input } = await enrol(agent);
    // The same answer again: its challenge was used up by the first.
    const replay = await errorOf(addPasskey(agent, { ...input, name: "Again" }, meta()));
    expect(replay.message).toBe(STALE_CHALLENGE);

    // Options asked for by another session of the same agent cannot be answered from this one.
    const other = await givenAgent("agent", agent.email);
    const { challengeId, options } = await startPasskeyRegistration(other, meta());
    const response = newAuthenticator().register(options);
    const crossSession = await errorOf(addPasskey(agent, { challengeId, name: "X", response }, meta()));
    expect(crossSession.message).toBe(STALE_CHALLENGE);

    const noUv = await errorOf(enrol(agent, newAuthenticator(), { userVerified: false }));
    expect(noUv.message).toBe(PASSKEY_NOT_ADDED);
    expect(await db().agentPasskey.count({ where: { agentId: agent.agentId } })).toBe(1);
  });

  it("refuses an expired challenge", async () => {
    const agent = await givenAgent("agent");
    const { challengeId, options } = await startPasskeyRegistration(agent, meta());
    await db().webAuthnChallenge.update({ where: { id: challengeId }, data: { expiresAt: new Date(Date.now() - 1) } });
    const response = newAuthenticator().register(options);
    expect((await errorOf(addPasskey(agent, { challengeId, name: "Late", response }, meta()))).message).toBe(
      STALE_CHALLENGE,
    );
  });

  it("rate-limits the options per IP", async () => {
    const agent = await givenAgent("agent");
    const m = meta({ ip: "203.0.113.201" });
    for (let i = 0; i < PASSKEY_LIMIT_PER_IP.max; i++) await startPasskeySignIn(m);
    expect((await errorOf(startPasskeyRegistration(agent, m))).code).toBe("rate_limited");
    expect((await errorOf(startPasskeySignIn(m))).code).toBe("rate_limited");
  });
});

describe("passwordless sign-in", () => {
  it("opens a full agent session with a passkey alone and records its use", async () => {
    const admin = await givenAgent("admin");
    const { authenticator, passkeyId } = await enrol(admin);
    const { result } = await passkeySignIn(authenticator);
    const { agentId, sessionToken } = await result;
    expect(agentId).toBe(admin.agentId);
    expect((await validateAgentSession(sessionToken))?.role).toBe("admin");
    const row = await db().agentPasskey.findUniqueOrThrow({ where: { id: passkeyId } });
    expect(Number(row.counter)).toBe(1);
    expect(row.lastUsedAt).not.toBeNull();
    const actions = await db().auditEvent.findMany({
      where: { actorId: admin.agentId, action: { in: ["agent.passkey_used", "agent.sign_in"] } },
      select: { action: true, metadata: true },
      orderBy: { at: "asc" },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["agent.passkey_used", "agent.sign_in"]);
  });

  it("requires user verification, the right origin and host, and refuses a replayed answer", async () => {
    const agent = await givenAgent("agent");
    const { authenticator } = await enrol(agent);
    for (const ceremony of [{ userVerified: false }, { origin: "https://evil.example" }, { rpId: "evil.example" }]) {
      const error = await errorOf((await passkeySignIn(authenticator, ceremony)).result);
      expect(error.message).toBe(PASSKEY_SIGN_IN_REFUSED);
    }
    const { result, challengeId, response } = await passkeySignIn(authenticator);
    await result;
    const replay = await errorOf(signInWithPasskey({ challengeId, response }, meta()));
    expect(replay.message).toBe(STALE_CHALLENGE);
  });

  it("refuses a counter that did not go up (a cloned authenticator)", async () => {
    const agent = await givenAgent("agent");
    const { authenticator } = await enrol(agent);
    await (
      await passkeySignIn(authenticator, { counter: 5 })
    ).result;
    const cloned = await errorOf((await passkeySignIn(authenticator, { counter: 5 })).result);
    expect(cloned.message).toBe(PASSKEY_SIGN_IN_REFUSED);
    const lower = await errorOf((await passkeySignIn(authenticator, { counter: 3 })).result);
    expect(lower.message).toBe(PASSKEY_SIGN_IN_REFUSED);
    await (
      await passkeySignIn(authenticator, { counter: 6 })
    ).result;
  });

  it("refuses an unknown passkey and a disabled agent's", async () => {
    const stranger = newAuthenticator();
    stranger.userHandle = Buffer.from("nobody").toString("base64url");
    expect((await errorOf((await passkeySignIn(stranger)).result)).message).toBe(PASSKEY_SIGN_IN_REFUSED);
    const agent = await givenAgent("agent");
    const { authenticator } = await enrol(agent);
    await db().agent.update({ where: { id: agent.agentId }, data: { disabledAt: new Date() } });
    expect((await errorOf((await passkeySignIn(authenticator)).result)).message).toBe(PASSKEY_SIGN_IN_REFUSED);
  });
});

describe("a passkey as the second factor", () => {
  it("after the password, completes the pending sign-in like a code", async () => {
    const agent = await givenAgent("agent");
    const { authenticator } = await enrol(agent);
    // With a passkey, the password alone no longer opens the console.
    const { sessionToken, pending } = await passwordStep(agent.email);
    expect(await validateAgentSession(sessionToken)).toBeNull();
    expect(await getSecondFactorPage(pending)).toMatchObject({ mode: "verify", totp: false, passkey: true });
    await expect(finishAgentSignIn(sessionToken, meta())).rejects.toThrow();

    const { challengeId, options } = await startPasskeySecondFactor(pending, meta());
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    await verifyPasskeySecondFactor(pending, { challengeId, response: authenticator.authenticate(options) }, meta());
    const full = await finishAgentSignIn(sessionToken, meta());
    expect((await validateAgentSession(full.sessionToken))?.agentId).toBe(agent.agentId);
    const verified = await db().auditEvent.findFirst({
      where: { actorId: agent.agentId, action: "agent.second_factor_verified" },
    });
    expect(verified?.metadata).toEqual({ method: "passkey" });
  });

  it("refuses another agent's passkey and a challenge of another pending sign-in", async () => {
    const agent = await givenAgent("agent");
    await enrol(agent);
    const other = await givenAgent("agent");
    const { authenticator: othersKey } = await enrol(other);
    const { sessionToken, pending } = await passwordStep(agent.email);

    const { challengeId, options } = await startPasskeySecondFactor(pending, meta());
    const error = await errorOf(
      verifyPasskeySecondFactor(pending, { challengeId, response: othersKey.authenticate(options) }, meta()),
    );
    expect(error.message).toBe(PASSKEY_REFUSED);

    // The other agent's own pending sign-in hands out a challenge that this one cannot use.
    const { pending: othersPending } = await passwordStep(other.email);
    const foreign = await startPasskeySecondFactor(othersPending, meta());
    const stale = await errorOf(
      verifyPasskeySecondFactor(
        pending,
        { challengeId: foreign.challengeId, response: othersKey.authenticate(foreign.options) },
        meta(),
      ),
    );
    expect(stale.message).toBe(STALE_CHALLENGE);
    await expect(finishAgentSignIn(sessionToken, meta())).rejects.toThrow();
  });
});

describe("removing passkeys", () => {
  it("removes one's own, not another agent's, and never an admin's last second factor", async () => {
    const admin = await givenAgent("admin");
    const first = await enrol(admin);
    const second = await enrol(admin);
    const other = await givenAgent("agent");
    expect((await errorOf(removePasskey(other, { passkeyId: first.passkeyId }, meta()))).code).toBe("not_found");

    await removePasskey(admin, { passkeyId: first.passkeyId }, meta());
    const last = await errorOf(removePasskey(admin, { passkeyId: second.passkeyId }, meta()));
    expect(last.message).toBe(LAST_SECOND_FACTOR);
    // With an authenticator app, the last passkey may go.
    await db().agent.update({ where: { id: admin.agentId }, data: { totpEnabledAt: new Date() } });
    await removePasskey(admin, { passkeyId: second.passkeyId }, meta());
    expect(await db().agentPasskey.count({ where: { agentId: admin.agentId } })).toBe(0);
    const removed = await db().auditEvent.count({ where: { actorId: admin.agentId, action: "agent.passkey_removed" } });
    expect(removed).toBe(2);
  });

  it("lets an agent remove the last one unless admins require a second factor for all", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    const a = await enrol(agent);
    const b = await enrol(agent);
    await removePasskey(agent, { passkeyId: a.passkeyId }, meta());
    await updateSecuritySettings(admin, { requireSecondFactor: true }, meta());
    try {
      expect((await errorOf(removePasskey(agent, { passkeyId: b.passkeyId }, meta()))).message).toBe(
        LAST_SECOND_FACTOR,
      );
    } finally {
      await updateSecuritySettings(admin, { requireSecondFactor: false }, meta());
    }
    await removePasskey(agent, { passkeyId: b.passkeyId }, meta());
  });

  it("an admin's reset of another agent's second factor removes their passkeys too", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    const { authenticator } = await enrol(agent);
    const row = async () => (await listAgents(admin)).find((a) => a.id === agent.agentId);
    // /agent/agents shows a passkey-only agent as having a second factor (and offers the reset).
    expect(await row()).toMatchObject({ hasSecondFactor: true, passkeys: 1, totpEnabledAt: null });
    await resetSecondFactor(admin, { agentId: agent.agentId }, meta());
    expect(await row()).toMatchObject({ hasSecondFactor: false, passkeys: 0 });
    expect(await db().agentPasskey.count({ where: { agentId: agent.agentId } })).toBe(0);
    expect((await errorOf((await passkeySignIn(authenticator)).result)).message).toBe(PASSKEY_SIGN_IN_REFUSED);
  });
});
