// Starts the raw look-up baseline (bench/baseline/lookup-server.ts) as its own process — its own
// event loop, like Keydesk's server — on a fresh SQLite file seeded with the given known addresses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { freePort, TEST_KEYDESK_SECRET } from "../../test/helpers/app-server";
import { seedBaselineDatabase } from "../baseline/baseline-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");

export interface TBaselineServer {
  url: string;
  stop(): Promise<void>;
}

export async function startBaseline(knownEmails: readonly string[]): Promise<TBaselineServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-baseline-"));
  const file = path.join(dir, "baseline.db");
  seedBaselineDatabase(file, TEST_KEYDESK_SECRET, knownEmails);
  const port = await freePort();
  const child = spawn(TSX_BIN, [path.join(ROOT, "bench/baseline/lookup-server.ts"), file, String(port)], {
    cwd: ROOT,
    env: { ...process.env, KEYDESK_SECRET: TEST_KEYDESK_SECRET, TRUST_PROXY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`baseline exited ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
