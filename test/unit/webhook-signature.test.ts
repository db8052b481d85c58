import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SIGNATURE_TOLERANCE_SECONDS, signPayload, verifySignature } from "@/lib/crypto/webhook-signature";

const SECRET = "whsec_unit_tests_only_0123456789";
const BODY = JSON.stringify({ source: "digitalriver", externalId: "DR-100234", number: "100234" });
const NOW = 1_795_000_000;

describe("verifySignature (Keydesk-Signature)", () => {
  it("accepts a signature made as SPEC §2 describes: hex HMAC-SHA256(secret, t + '.' + raw body)", () => {
    const mac = createHmac("sha256", SECRET).update(`${NOW}.${BODY}`).digest("hex");
    expect(signPayload(SECRET, BODY, NOW)).toBe(`t=${NOW},v1=${mac}`);
    expect(verifySignature(SECRET, `t=${NOW},v1=${mac}`, BODY, NOW)).toEqual({ ok: true });
    expect(verifySignature(SECRET, ` t=${NOW} , v1=${mac} `, BODY, NOW + 299)).toEqual({ ok: true });
    // Rotation: any one of several v1 values may match.
    expect(verifySignature(SECRET, `t=${NOW},v1=${"0".repeat(64)},v1=${mac}`, BODY, NOW)).toEqual({ ok: true });
  });

  it("refuses a tampered body, a wrong secret or a changed timestamp", () => {
    const header = signPayload(SECRET, BODY, NOW);
    expect(verifySignature(SECRET, header, BODY.replace("100234", "100235"), NOW)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifySignature(SECRET, header, `${BODY} `, NOW)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature("another_secret_0123456789", header, BODY, NOW)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature(SECRET, header.replace(`t=${NOW}`, `t=${NOW + 1}`), BODY, NOW)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("refuses signatures older than 5 minutes and from more than 5 minutes in the future", () => {
    expect(SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW - 300), BODY, NOW)).toEqual({ ok: true });
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW - 301), BODY, NOW)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(verifySignature(SECRET, signPayload(SECRET, BODY, NOW + 301), BODY, NOW)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a missing or malformed header", () => {
    const mac = signPayload(SECRET, BODY, NOW).split("v1=")[1] ?? "";
    expect(verifySignature(SECRET, null, BODY, NOW)).toEqual({ ok: false, reason: "missing" });
    expect(verifySignature(SECRET, "", BODY, NOW)).toEqual({ ok: false, reason: "missing" });
    for (const header of [
      `v1=${mac}`,
      `t=${NOW}`,
      `t=abc,v1=${mac}`,
      `t=-${NOW},v1=${mac}`,
      "garbage",
      `t=${NOW};v1=${mac}`,
      `t=,v1=${mac}`,
      `t=${"9".repeat(13)},v1=${mac}`,
    ]) {
      expect(verifySignature(SECRET, header, BODY, NOW), header).toMatchObject({ ok: false, reason: "malformed" });
    }
    expect(verifySignature(SECRET, `t=${NOW},v1=${mac.slice(0, 10)}`, BODY, NOW)).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });
});
