// npm start (and npm run dev): prepare secrets and the database, build when no build exists, serve
// the portal with `next start`, and run the mail worker in this process unless KEYDESK_WORKER=off.
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { env } from "@/lib/env";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { startOutboxWorker } from "@/lib/outbox/worker";
import { firstRunSetupLink } from "@/lib/agents/first-run-setup";
import { assertMailSetup } from "@/lib/system/check-mail-setup";
import { disconnectDb } from "@/lib/db";

const ROOT = path.resolve(import.meta.dirname, "..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SERVER = path.join(ROOT, "scripts/server.mjs");
const dev = process.argv.includes("--dev");
const SHUTDOWN_DEADLINE_MS = 9_500;

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const config = env();
  // A public deployment without SMTP would keep buyers' sign-in links in the dev mailbox: refuse.
  if (!dev) assertMailSetup(config);
  const applied = await prepareDatabase();
  if (applied.length) console.log(`keydesk: applied migrations ${applied.join(", ")}`);
  if (config.secretSource === "generated") {
    console.log(
      `keydesk: generated a master secret in ${path.join(config.dataDir, "keydesk.secret")} (keep it safe, back it up)`,
    );
  }

  if (!dev && !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("keydesk: no build found, running next build (once)…");
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }

  const server = spawn(process.execPath, [SERVER, ...(dev ? ["--dev"] : [])], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, PORT: String(config.port), NODE_ENV: dev ? "development" : "production" },
  });

  const worker = config.workerInProcess ? startOutboxWorker() : undefined;
  console.log(`keydesk: serving ${config.appUrl} on ${config.databaseProvider === "sqlite" ? "SQLite" : "PostgreSQL"}`);
  console.log(
    config.smtpUrl
      ? "keydesk: mail goes out through SMTP_URL"
      : `keydesk: SMTP_URL is not set — mail is kept in the dev mailbox (${config.appUrl}/agent/mailbox and ${path.join(config.dataDir, "mail")}/*.eml)${config.devMailboxForced ? " because KEYDESK_DEV_MAILBOX=on" : ""}`,
  );
  if (!worker) console.log("keydesk: KEYDESK_WORKER=off — run `npm run keydesk -- worker` to deliver mail");
  const setup = await firstRunSetupLink();
  if (setup?.status === "pending") {
    // Printed once, when it was made: a restart does not print a working link again.
    console.log(
      `keydesk: no admin yet — use the setup link printed when it was made (valid until ${setup.expiresAt.toISOString()}); a new one is printed at the first start after that`,
    );
  }
  if (setup) {
    if (setup.status === "created") {
      console.log(`keydesk: no admin yet — create one at ${setup.url} (valid 1 h, printed once)`);
    }
    console.log(
      "keydesk: or run: KEYDESK_AGENT_PASSWORD=… npm run keydesk -- agent:create --email you@example.com --name You --role admin",
    );
  }

  // SIGTERM (systemd, docker, a deploy): the server stops accepting and finishes its requests,
  // the worker finishes the sends in flight and hands back the rows it claimed but did not start,
  // and the process exits 0 — within SHUTDOWN_DEADLINE_MS whatever hangs.
  const serverExited = new Promise<number>((resolve) => server.on("exit", (code) => resolve(code ?? 0)));
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`keydesk: ${signal} received, shutting down`);
    setTimeout(() => {
      console.error("keydesk: shutdown took too long, exiting");
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    if (server.exitCode === null) server.kill("SIGTERM");
    await Promise.all([worker?.stop(), serverExited]);
    await disconnectDb();
    console.log("keydesk: stopped cleanly");
    process.exit(0);
  };
  // `on`, not `once`: a second signal (the whole process group gets one from systemd) must not
  // cut the shutdown short.
  process.on("SIGINT", (s) => void stop(s));
  process.on("SIGTERM", (s) => void stop(s));
  // The server died on its own (a crash): stop the worker and exit with its code.
  void serverExited.then(async (code) => {
    if (stopping) return;
    stopping = true;
    await worker?.stop();
    process.exit(code);
  });
}

main().catch((error: unknown) => {
  console.error(`keydesk: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
