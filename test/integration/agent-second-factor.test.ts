// The agents' second factor (SPEC §2): TOTP enrolment at the first sign-in, a code at every later
// one (single-use, throttled), recovery codes, the admin's reset and the "all agents" rule — all
// through the real use cases against the real database, codes computed with otplib as an app would.
import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { db } from "@/lib/db";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt } from "@/lib/crypto/encryption";
import { authenticateAgent } from "@/lib/auth/authenticate-agent";
import { validateAgentSession } from "@/lib/auth/agent-sessions";
import { validatePendingAgentSession } from "@/lib/auth/pending-sessions";
import { getSecondFactorPage } from "@/lib/auth/get-second-factor-page";
import { getSecurityPage } from "@/lib/auth/get-security-page";
import { enrolPendingSecondFactor } from "@/lib/auth/enrol-pending-second-factor";
import { enrolSecondFactor } from "@/lib/auth/enrol-second-factor";
import { verifySecondFactor, WRONG_CODE } from "@/lib/auth/verify-second-factor";
import { finishAgentSignIn } from "@/lib/auth/finish-agent-sign-in";
import { resetSecondFactor } from "@/lib/auth/reset-second-factor";
import { updateSecuritySettings } from "@/lib/auth/update-security-settings";
import { signOutAgentEverywhere } from "@/lib/auth/sign-out-everywhere";
import { SECOND_FACTOR_LIMIT_PER_ACCOUNT } from "@/lib/auth/second-factor-attempts";
import { hashToken } from "@/lib/crypto/tokens";
import type { TPendingAgent } from "@/lib/auth/types";
import { AGENT_PASSWORD, errorOf, givenAgent, meta, nextIp } from "../helpers/actors";

const STEP_SECONDS = 30;
const nowStep = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);

/** The code an authenticator app shows for `secret` at time step `step`. */
function codeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * STEP_SECONDS });
}

/** A 6-digit code that is valid in none of the accepted steps around now. */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((offset) => codeAt(secret, nowStep() + offset))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!valid.has(candidate)) return candidate;
  }
}

/** The password step: returns the pending session as the second-factor page's guard sees it. */
async function passwordStep(email: string) {
  const result = await authenticateAgent({ email, password: AGENT_PASSWORD }, meta({ ip: nextIp() }));
  const pending = await validatePendingAgentSession(result.sessionToken);
  return { ...result, pending };
}

function mustBePending(pending: TPendingAgent | null): TPendingAgent {
  if (!pending) throw new Error("expected a pending session");
  return pending;
}

/** Signs up an admin and runs their first sign-in to the end: enrolment, recovery codes, full session. */
async function enrolledAdmin() {
  const admin = await givenAgent("admin");
  const first = await passwordStep(admin.email);
  const pending = mustBePending(first.pending);
  const page = await getSecondFactorPage(pending);
  if (page.mode !== "enrol") throw new Error(`expected the enrolment page, got ${page.mode}`);
  const step = nowStep();
  const recoveryCodes = await enrolPendingSecondFactor(
    pending,
    { enrolment: page.enrolment.sealed, code: await codeAt(page.enrolment.secret, step) },
    meta({ ip: nextIp() }),
  );
  const full = await finishAgentSignIn(first.sessionToken, meta());
  return {
    admin,
    secret: page.enrolment.secret,
    enrolStep: step,
    recoveryCodes,
    pendingToken: first.sessionToken,
    full,
  };
}

describe("agents' second factor", () => {
  it("makes an admin enrol at the first sign-in; the password alone opens nothing", async () => {
    const admin = await givenAgent("admin");
    const first = await passwordStep(admin.email);
    expect(first.secondFactor).toBe("enrol");
    // The pending session is no agent session: every guard (they all go through
    // validateAgentSession) treats it as signed out, and it cannot be turned into one yet.
    expect(await validateAgentSession(first.sessionToken)).toBeNull();
    expect((await errorOf(finishAgentSignIn(first.sessionToken, meta()))).code).toBe("unauthorized");
    const pending = mustBePending(first.pending);
    expect(pending).toMatchObject({ agentId: admin.agentId, enrolled: false, verified: false });

    // The page shows a QR code (SVG, drawn here), the secret as base32 and the otpauth URI, and writes nothing.
    const page = await getSecondFactorPage(pending);
    if (page.mode !== "enrol") throw new Error("expected the enrolment page");
    expect(page.enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.enrolment.uri).toMatch(/^otpauth:\/\/totp\/Keydesk:.+\?.*secret=[A-Z2-7]{32}/);
    expect(page.enrolment.uri).toContain(page.enrolment.secret);
    expect(page.enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(page.enrolment.sealed).not.toContain(page.enrolment.secret);
    expect(
      await db().agent.findUniqueOrThrow({ where: { id: admin.agentId }, select: { totpEnabledAt: true } }),
    ).toEqual({ totpEnabledAt: null });

    // A wrong code stores nothing.
    const wrong = await errorOf(
      enrolPendingSecondFactor(
        pending,
        { enrolment: page.enrolment.sealed, code: await wrongCode(page.enrolment.secret) },
        meta(),
      ),
    );
    expect(wrong.fieldErrors?.code).toBeDefined();

    // The right code: the secret is stored encrypted, ten recovery codes come back (hashed at rest).
    const codes = await enrolPendingSecondFactor(
      pending,
      { enrolment: page.enrolment.sealed, code: await codeAt(page.enrolment.secret, nowStep()) },
      meta(),
    );
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await db().agent.findUniqueOrThrow({
      where: { id: admin.agentId },
      select: { totpSecretEnc: true, totpEnabledAt: true },
    });
    expect(stored.totpEnabledAt).not.toBeNull();
    expect(stored.totpSecretEnc).not.toContain(page.enrolment.secret);
    expect(decrypt(stored.totpSecretEnc ?? "", ENC.agentTotpSecret)).toBe(page.enrolment.secret);
    const hashes = await db().agentRecoveryCode.findMany({ where: { agentId: admin.agentId } });
    expect(hashes).toHaveLength(10);
    expect(JSON.stringify(hashes)).not.toContain(codes[0]?.replace("-", "") ?? "x");
    expect(JSON.stringify(hashes)).not.toContain(codes[0] ?? "x");

    // Enrolment was this sign-in's second factor: the pending session becomes a full one under a NEW token.
    const full = await finishAgentSignIn(first.sessionToken, meta());
    expect(full.sessionToken).not.toBe(first.sessionToken);
    expect(await validateAgentSession(full.sessionToken)).toMatchObject({ agentId: admin.agentId, role: "admin" });
    expect(await validateAgentSession(first.sessionToken)).toBeNull();
    expect(await validatePendingAgentSession(first.sessionToken)).toBeNull(); // used up
    expect((await errorOf(finishAgentSignIn(first.sessionToken, meta()))).code).toBe("unauthorized");

    const events = await db().auditEvent.findMany({ where: { actorId: admin.agentId }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "agent.sign_in_password_accepted",
        "agent.second_factor_failed",
        "agent.second_factor_enrolled",
        "agent.sign_in",
      ]),
    );
  });

  it("refuses a set-up sealed for another agent, and a second enrolment over a working app", async () => {
    const other = await givenAgent("admin");
    const page = await getSecondFactorPage(mustBePending((await passwordStep(other.email)).pending));
    if (page.mode !== "enrol") throw new Error("expected the enrolment page");
    const code = await codeAt(page.enrolment.secret, nowStep());
    // Another agent cannot plant this secret (whose codes someone else knows) on their account.
    const thief = await givenAgent("agent");
    const stolen = await errorOf(enrolSecondFactor(thief, { enrolment: page.enrolment.sealed, code }, meta()));
    expect(stolen.code).toBe("conflict");
    expect((await getSecurityPage(thief)).enrolledAt).toBeNull();

    await enrolSecondFactor(other, { enrolment: page.enrolment.sealed, code }, meta());
    // Once an app works, a second set-up (another tab, a stolen session) cannot replace it.
    const again = await errorOf(
      enrolSecondFactor(
        other,
        { enrolment: page.enrolment.sealed, code: await codeAt(page.enrolment.secret, nowStep() + 1) },
        meta(),
      ),
    );
    expect(again.code).toBe("conflict");
  });

  it("asks for a code at every later sign-in; a code is single-use and a wrong one is refused", async () => {
    const { admin, secret, enrolStep } = await enrolledAdmin();
    const second = await passwordStep(admin.email);
    expect(second.secondFactor).toBe("verify");
    const pending = mustBePending(second.pending);
    expect(pending.enrolled).toBe(true);
    expect((await getSecondFactorPage(pending)).mode).toBe("verify");

    // The code used for the enrolment is spent (replay within its window).
    const replay = await errorOf(verifySecondFactor(pending, { code: await codeAt(secret, enrolStep) }, meta()));
    expect(replay.message).toBe(WRONG_CODE);
    const wrong = await errorOf(verifySecondFactor(pending, { code: await wrongCode(secret) }, meta()));
    expect(wrong.message).toBe(WRONG_CODE);
    expect((await errorOf(finishAgentSignIn(second.sessionToken, meta()))).code).toBe("unauthorized");

    // The next step's code (an app one step ahead) is accepted once…
    const next = await codeAt(secret, enrolStep + 1);
    await verifySecondFactor(pending, { code: `${next.slice(0, 3)} ${next.slice(3)}` }, meta()); // as apps show it
    const full = await finishAgentSignIn(second.sessionToken, meta());
    expect(await validateAgentSession(full.sessionToken)).toMatchObject({ agentId: admin.agentId });

    // …and never again, even in a new sign-in within its window.
    const third = mustBePending((await passwordStep(admin.email)).pending);
    expect((await errorOf(verifySecondFactor(third, { code: next }, meta()))).message).toBe(WRONG_CODE);
    const failures = await db().auditEvent.count({
      where: { actorId: admin.agentId, action: "agent.second_factor_failed" },
    });
    expect(failures).toBe(3);
  });

  it("accepts each recovery code once", async () => {
    const { admin, recoveryCodes } = await enrolledAdmin();
    const [code] = recoveryCodes;
    if (!code) throw new Error("no recovery code");
    const first = await passwordStep(admin.email);
    // As typed from paper: upper case, spaces instead of the dash.
    await verifySecondFactor(
      mustBePending(first.pending),
      { code: ` ${code.toUpperCase().replace("-", " ")} ` },
      meta(),
    );
    const full = await finishAgentSignIn(first.sessionToken, meta());
    expect(await validateAgentSession(full.sessionToken)).not.toBeNull();

    const second = await passwordStep(admin.email);
    const reused = await errorOf(verifySecondFactor(mustBePending(second.pending), { code }, meta()));
    expect(reused.message).toBe(WRONG_CODE);
    const unknown = await errorOf(verifySecondFactor(mustBePending(second.pending), { code: "aaaaa-bbbbb" }, meta()));
    expect(unknown.message).toBe(WRONG_CODE);
    expect(await db().agentRecoveryCode.count({ where: { agentId: admin.agentId, usedAt: null } })).toBe(9);
  });

  it("throttles codes per account: past the limit even the right code is refused", async () => {
    const { admin, secret, enrolStep } = await enrolledAdmin();
    const pending = mustBePending((await passwordStep(admin.email)).pending);
    const bad = await wrongCode(secret);
    for (let i = 0; i < SECOND_FACTOR_LIMIT_PER_ACCOUNT.max; i++) {
      expect((await errorOf(verifySecondFactor(pending, { code: bad }, meta({ ip: nextIp() })))).code).toBe(
        "unauthorized",
      );
    }
    // A new password step (and a new IP) does not reset the count: it is per account.
    const fresh = mustBePending((await passwordStep(admin.email)).pending);
    const limited = await errorOf(
      verifySecondFactor(fresh, { code: await codeAt(secret, enrolStep + 1) }, meta({ ip: nextIp() })),
    );
    expect(limited.code).toBe("rate_limited");
    expect(limited.message).toMatch(/Try again in/);
  });

  it("lets an admin reset another agent's second factor (audited), never their own", async () => {
    const { admin: target, full } = await enrolledAdmin();
    const { admin } = await enrolledAdmin();
    const plainAgent = await givenAgent("agent");

    expect((await errorOf(resetSecondFactor(plainAgent, { agentId: target.agentId }, meta()))).code).toBe("forbidden");
    const own = await errorOf(resetSecondFactor(admin, { agentId: admin.agentId }, meta()));
    expect(own.code).toBe("forbidden");
    expect((await errorOf(resetSecondFactor(admin, { agentId: "nobody" }, meta()))).code).toBe("not_found");

    await resetSecondFactor(admin, { agentId: target.agentId }, meta());
    const row = await db().agent.findUniqueOrThrow({
      where: { id: target.agentId },
      select: { totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true },
    });
    expect(row).toEqual({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().agentRecoveryCode.count({ where: { agentId: target.agentId } })).toBe(0);
    // Their sessions end, and the next sign-in starts a new enrolment.
    expect(await validateAgentSession(full.sessionToken)).toBeNull();
    expect((await passwordStep(target.email)).secondFactor).toBe("enrol");
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "agent.second_factor_reset", targetId: target.agentId },
    });
    expect(event.actorId).toBe(admin.agentId);
  });

  it("lets plain agents sign in with a password until an admin requires the second factor for all", async () => {
    const admin = await givenAgent("admin");
    const agent = await givenAgent("agent");
    const before = await passwordStep(agent.email);
    expect(before.secondFactor).toBeNull();
    expect(await validateAgentSession(before.sessionToken)).not.toBeNull();

    expect((await errorOf(updateSecuritySettings(agent, { requireSecondFactor: true }, meta()))).code).toBe(
      "forbidden",
    );
    await updateSecuritySettings(admin, { requireSecondFactor: true }, meta());
    try {
      const after = await passwordStep(agent.email);
      expect(after.secondFactor).toBe("enrol");
      expect(await validateAgentSession(after.sessionToken)).toBeNull();
      expect(
        await db().auditEvent.count({ where: { action: "settings.security_updated", actorId: admin.agentId } }),
      ).toBe(1);
    } finally {
      await updateSecuritySettings(admin, { requireSecondFactor: false }, meta());
    }
  });

  it("lets an agent enrol of their own accord; from then on their sign-in asks for a code", async () => {
    const agent = await givenAgent("agent");
    const page = await getSecurityPage(agent);
    if (!page.enrolment) throw new Error("expected an enrolment");
    const codes = await enrolSecondFactor(
      agent,
      { enrolment: page.enrolment.sealed, code: await codeAt(page.enrolment.secret, nowStep()) },
      meta(),
    );
    expect(codes).toHaveLength(10);
    expect((await getSecurityPage(agent)).enrolment).toBeNull();
    expect((await passwordStep(agent.email)).secondFactor).toBe("verify");
  });

  it("signs an agent out everywhere, pending sign-ins included", async () => {
    const { admin, full } = await enrolledAdmin();
    const pending = await passwordStep(admin.email);
    const session = await validateAgentSession(full.sessionToken);
    if (!session) throw new Error("expected a session");
    // The session `givenAgent` opened, the one of the sign-in, and the pending one.
    expect(await signOutAgentEverywhere(session, meta())).toBe(3);
    expect(await validateAgentSession(full.sessionToken)).toBeNull();
    expect(await validatePendingAgentSession(pending.sessionToken)).toBeNull();
    const rows = await db().session.findMany({
      where: { tokenHash: { in: [hashToken(full.sessionToken), hashToken(pending.sessionToken)] } },
      select: { revokedAt: true },
    });
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    expect(
      await db().auditEvent.count({ where: { actorId: admin.agentId, action: "agent.signed_out_everywhere" } }),
    ).toBe(1);
  });
});
