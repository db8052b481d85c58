// A public deployment without SMTP_URL refuses to start (the start script and the worker CLI, run
// as the operator would run them), unless KEYDESK_DEV_MAILBOX=on; on localhost the dev mailbox works.
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isLocalAppUrl, mailSetupProblem } from "@/lib/system/check-mail-setup";
import { getConsoleNotices } from "@/lib/system/get-console-notices";
import { resetEnvForTests } from "@/lib/env";
import { givenAgent } from "../helpers/actors";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Runs a script like `npm start` / `npm run keydesk -- worker` would; stops it once `until` appears in its output. */
function run(script: string[], env: Record<string, string | undefined>, until?: RegExp) {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", ...script], {
    cwd: ROOT,
    env: { ...process.env, SMTP_URL: undefined, KEYDESK_DEV_MAILBOX: undefined, APP_URL: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (until?.test(stdout) && child.exitCode === null) child.kill("SIGTERM");
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // Never leave a server or worker behind when the script does not behave as expected.
  const guard = setTimeout(() => child.kill("SIGKILL"), 45_000);
  child.once("exit", () => clearTimeout(guard));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

const PUBLIC = { APP_URL: "https://desk.vendor.example" };

describe("the dev mailbox outside localhost", () => {
  it("stops npm start with one line naming SMTP_URL, before touching the database", async () => {
    const { code, stdout, stderr } = await run(["scripts/start.ts"], PUBLIC);
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keydesk: SMTP_URL is not set/);
    expect(lines[0]).toContain("KEYDESK_DEV_MAILBOX=on");
    expect(stdout).not.toContain("serving");
  });

  it("stops the worker CLI the same way, and lets it run with KEYDESK_DEV_MAILBOX=on or on localhost", async () => {
    const refused = await run(["scripts/keydesk.ts", "worker"], PUBLIC);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^keydesk: SMTP_URL is not set[^\n]*$/);

    const forced = await run(
      ["scripts/keydesk.ts", "worker"],
      { ...PUBLIC, KEYDESK_DEV_MAILBOX: "on" },
      /mail worker started/,
    );
    expect(forced.stdout).toMatch(/mail worker started.*dev mailbox/);
    expect(forced.stderr).toBe("");

    const local = await run(
      ["scripts/keydesk.ts", "worker"],
      { APP_URL: "http://localhost:3000" },
      /mail worker started/,
    );
    expect(local.stdout).toMatch(/mail worker started.*dev mailbox/);
  });

  it("treats localhost, 127.0.0.0/8 and ::1 as local, everything else as public", () => {
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1:8080",
      "http://[::1]:3000",
      "http://desk.localhost",
    ]) {
      expect(isLocalAppUrl(url)).toBe(true);
    }
    for (const url of ["https://desk.example.com", "http://10.0.0.5", "http://localhost.evil.example"]) {
      expect(isLocalAppUrl(url)).toBe(false);
    }
    const base = { devMailbox: true, devMailboxForced: false };
    expect(mailSetupProblem({ ...base, appUrl: "http://localhost:3000" })).toBeNull();
    expect(mailSetupProblem({ ...base, appUrl: "https://desk.example.com" })).toContain("SMTP_URL");
    expect(mailSetupProblem({ ...base, devMailbox: false, appUrl: "https://desk.example.com" })).toBeNull();
  });

  it("tells every console page while the dev mailbox is on, and not once SMTP_URL is set", async () => {
    const agent = await givenAgent("agent");
    expect(getConsoleNotices(agent)).toEqual({ devMailbox: true });
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    resetEnvForTests();
    try {
      expect(getConsoleNotices(agent)).toEqual({ devMailbox: false });
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
    }
  });
});
