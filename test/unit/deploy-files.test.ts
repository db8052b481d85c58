// docs/deploy/*.service: the systemd units the README gives operators are valid for systemd (no
// unknown or misspelt option, which systemd would ignore with only a warning) and keep the
// hardening the README promises. nginx.conf and the Caddyfile run for real in test/e2e/scale-out.test.ts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const DEPLOY = path.resolve(import.meta.dirname, "../../docs/deploy");
const UNITS = ["keydesk-web.service", "keydesk-worker.service"];

function settings(unit: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of fs.readFileSync(path.join(DEPLOY, unit), "utf8").split("\n")) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (match?.[1]) found.set(match[1], [...(found.get(match[1]) ?? []), match[2] ?? ""]);
  }
  return found;
}

describe("systemd units", () => {
  it.each(UNITS)("%s passes systemd-analyze verify without a warning", (unit) => {
    // Debian's systemd package; every machine this project runs on has it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-units-"));
    try {
      fs.copyFileSync(path.join(DEPLOY, unit), path.join(dir, unit));
      const run = spawnSync("systemd-analyze", ["verify", "--man=no", path.join(dir, unit)], { encoding: "utf8" });
      expect(run.error).toBeUndefined();
      expect(`${run.stdout}${run.stderr}`.trim()).toBe("");
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(UNITS)("%s is sandboxed with only DATA_DIR writable and reads its settings from a file", (unit) => {
    const s = settings(unit);
    expect(s.get("NoNewPrivileges")).toEqual(["true"]);
    expect(s.get("ProtectSystem")).toEqual(["strict"]);
    expect(s.get("PrivateTmp")).toEqual(["true"]);
    expect(s.get("ReadWritePaths")?.[0]).toBe("/var/lib/keydesk");
    expect(s.get("EnvironmentFile")).toEqual(["/etc/keydesk/keydesk.env"]);
    expect(s.get("User")).toEqual(["keydesk"]);
    expect(s.get("KillSignal")).toEqual(["SIGTERM"]);
  });

  it("runs the web instance without, and the worker as, the mail worker", () => {
    expect(settings("keydesk-web.service").get("Environment")?.join(" ")).toContain("KEYDESK_WORKER=off");
    expect(settings("keydesk-web.service").get("ExecStart")?.[0]).toMatch(/scripts\/start\.ts$/);
    expect(settings("keydesk-worker.service").get("ExecStart")?.[0]).toMatch(/scripts\/keydesk\.ts worker$/);
  });
});
