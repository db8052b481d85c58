import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPowChallenge, type TPowChallenge } from "@/lib/pow/create-pow-challenge";
import { checkPowSolution, parsePowField, type TPowSolution } from "@/lib/pow/verify-pow-solution";
import { sha256Hex } from "@/app/(buyer)/support/new/_components/sha256";

/** Solves a puzzle the way the browser widget does (brute force over 0…maxNumber). */
function solve(c: TPowChallenge): TPowSolution {
  for (let n = 0; n <= c.maxNumber; n++) {
    if (createHash("sha256").update(`${c.salt}${n}`).digest("hex") === c.challenge) {
      return { algorithm: c.algorithm, challenge: c.challenge, salt: c.salt, number: n, signature: c.signature };
    }
  }
  throw new Error("no solution");
}

const field = (s: unknown) => Buffer.from(JSON.stringify(s)).toString("base64");

describe("proof of work", () => {
  it("accepts a solved, signed, fresh puzzle read back from the form field", () => {
    const solution = solve(createPowChallenge(new Date(), 2_000));
    const parsed = parsePowField(field(solution));
    expect(parsed).toEqual(solution);
    expect(checkPowSolution(parsed)).toBeNull();
  });

  it("refuses a wrong number, a forged signature, a self-made puzzle and an expired one", () => {
    const solution = solve(createPowChallenge(new Date(), 2_000));
    expect(checkPowSolution({ ...solution, number: solution.number + 1 })).toBe("wrong");
    expect(checkPowSolution({ ...solution, signature: "0".repeat(64) })).toBe("forged");
    // A client that invents its own easy puzzle cannot sign it.
    const salt = `${"ab".repeat(12)}?expires=${Math.floor(Date.now() / 1000) + 600}`;
    const challenge = createHash("sha256").update(`${salt}1`).digest("hex");
    expect(checkPowSolution({ algorithm: "SHA-256", challenge, salt, number: 1, signature: solution.signature })).toBe(
      "forged",
    );
    // Changing the expiry changes the hash: the solution no longer matches.
    expect(checkPowSolution({ ...solution, salt: solution.salt.replace(/expires=\d+/, "expires=9999999999") })).toBe(
      "wrong",
    );
    expect(checkPowSolution(solution, new Date(Date.now() + 2 * 3600_000))).toBe("expired");
  });

  it("reads garbage in the form field as no solution", () => {
    for (const value of [
      undefined,
      "",
      "not base64 json",
      field({ number: 1 }),
      field({ ...solve(createPowChallenge(new Date(), 10)), number: -1 }),
      "x".repeat(5000),
    ]) {
      expect(parsePowField(value)).toBeNull();
    }
    expect(checkPowSolution(null)).toBe("malformed");
  });
});

describe("the widget's SHA-256 fallback (browsers without crypto.subtle)", () => {
  it("matches node's SHA-256 for empty, short, block-boundary and long inputs", () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 1000]) {
      const bytes = Buffer.alloc(length, length % 251);
      expect(sha256Hex(new Uint8Array(bytes))).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    expect(sha256Hex(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});
