// scripts/build-identity.mjs: what two separately built instances of one commit must share — the
// server-action key (derived from KEYDESK_SECRET like every other key) and the deployment id.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { deploymentId, serverActionsKey } from "../../scripts/build-identity.mjs";
import { deriveKey } from "@/lib/crypto/keys";
import { decodeSecret } from "@/lib/crypto/master-secret";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = Buffer.alloc(32, 7).toString("base64");

describe("serverActionsKey", () => {
  it("is the HKDF sub-key 'next-server-actions' of KEYDESK_SECRET: the same on every machine with that secret", () => {
    const key = serverActionsKey({ KEYDESK_SECRET: SECRET });
    expect(key).toBe(deriveKey("next-server-actions", decodeSecret(SECRET)).toString("base64"));
    expect(Buffer.from(key ?? "", "base64")).toHaveLength(32);
    expect(serverActionsKey({ KEYDESK_SECRET: ` ${SECRET}\n` })).toBe(key);
    // Never the secret itself, nor any other sub-key.
    expect(key).not.toBe(SECRET);
    expect(key).not.toBe(deriveKey("encryption", decodeSecret(SECRET)).toString("base64"));
    expect(serverActionsKey({ KEYDESK_SECRET: Buffer.alloc(32, 8).toString("base64") })).not.toBe(key);
    // Hex works as everywhere else.
    const hex = "ab".repeat(32);
    expect(serverActionsKey({ KEYDESK_SECRET: hex })).toBe(
      deriveKey("next-server-actions", decodeSecret(hex)).toString("base64"),
    );
  });

  it("lets NEXT_SERVER_ACTIONS_ENCRYPTION_KEY win, and leaves Next.js its own key without a secret", () => {
    expect(serverActionsKey({ KEYDESK_SECRET: SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "given" })).toBe("given");
    expect(serverActionsKey({})).toBeUndefined();
    expect(serverActionsKey({ KEYDESK_SECRET: "short" })).toBeUndefined();
  });
});

describe("deploymentId", () => {
  it("is KEYDESK_BUILD_ID when set, else the checkout's commit, else none", () => {
    expect(deploymentId(ROOT, { KEYDESK_BUILD_ID: "release-2026_11" })).toBe("release-2026_11");
    expect(() => deploymentId(ROOT, { KEYDESK_BUILD_ID: "v1.0 beta" })).toThrow(/KEYDESK_BUILD_ID/);
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    expect(deploymentId(ROOT, {})).toBe(commit.slice(0, 16));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-no-git-"));
    try {
      expect(deploymentId(outside, { GIT_CEILING_DIRECTORIES: os.tmpdir() })).toBeUndefined();
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("next.config.js", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("uses both at build and at start", async () => {
    process.env.KEYDESK_SECRET = SECRET;
    delete process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
    process.env.KEYDESK_BUILD_ID = "build-42";
    const configUrl = pathToFileURL(path.join(ROOT, "next.config.js")).href;
    const config = (await import(/* @vite-ignore */ configUrl)) as { default: { deploymentId?: string } };
    expect(config.default.deploymentId).toBe("build-42");
    expect(process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(serverActionsKey({ KEYDESK_SECRET: SECRET }));
  });
});
