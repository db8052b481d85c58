// Signed-in visitors for the benchmark, made the way people sign in — over HTTP only:
// a buyer asks for a link (POST /api/v1/lookup), the worker mails it to the SMTP sink, the buyer opens
// /lookup/verify?token=… and presses "Continue"; an agent created with `agent:create` posts the login
// form. Both end with Auth.js's session cookie in a CookieJar.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TAppServer } from "../../test/helpers/app-server";
import { CookieJar, submitForm } from "./http-forms";
import { runCliChecked } from "./seed";
import { unfoldQuotedPrintable, type TSmtpCounter } from "./smtp-counter";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_BIN = path.join(ROOT, "node_modules/.bin/tsx");
export const AGENT_PASSWORD = "correct horse battery staple bench";

export interface TWorkerProcess {
  /** performance.now() when the worker printed that it started. */
  startedAt: number;
  stop(): Promise<void>;
}

/** `npm run keydesk -- worker` as its own process (the server runs with KEYDESK_WORKER=off). */
export async function startWorker(server: TAppServer): Promise<TWorkerProcess> {
  const child: ChildProcess = spawn(TSX_BIN, ["--conditions=react-server", "scripts/keydesk.ts", "worker"], {
    cwd: ROOT,
    env: server.env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const startedAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("mail worker started")) {
        clearTimeout(timer);
        resolve(performance.now());
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`worker exited ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    startedAt,
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    },
  };
}

/** A buyer's session through the sign-in link flow; needs a running worker and the sink's mail. */
export async function signInBuyer(server: TAppServer, smtp: TSmtpCounter, email: string): Promise<CookieJar> {
  smtp.watch(email);
  const asked = await fetch(`${server.url}/api/v1/lookup`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "10.254.0.1" },
    body: JSON.stringify({ email }),
  });
  if (asked.status !== 202) throw new Error(`lookup for the buyer: ${asked.status} ${await asked.text()}`);
  const mail = unfoldQuotedPrintable(await smtp.waitForMail(email, 60_000));
  const link = /https?:\/\/[^\s"<>]+\/lookup\/verify\?token=[\w%-]+/.exec(mail)?.[0];
  if (!link) throw new Error("no sign-in link in the buyer's mail");
  const jar = new CookieJar();
  const answer = await submitForm(server.url, new URL(link).pathname + new URL(link).search, {}, jar);
  if (answer.status !== 303) throw new Error(`buyer confirm: ${answer.status} ${(await answer.text()).slice(0, 300)}`);
  await expectPage(server, "/orders", jar, "buyer");
  return jar;
}

/**
 * Creates an agent with the CLI and signs it in through the login form. A plain agent: admins must
 * enrol a second factor at their first sign-in, and the measured pages (search, inbox) are agents'.
 */
export async function signInAgent(server: TAppServer, email: string): Promise<CookieJar> {
  await runCliChecked(server, ["agent:create", "--email", email, "--name", "Bench Agent", "--role", "agent"], {
    KEYDESK_AGENT_PASSWORD: AGENT_PASSWORD,
  });
  const jar = new CookieJar();
  const answer = await submitForm(server.url, "/agent/login", { email, password: AGENT_PASSWORD }, jar);
  if (answer.status !== 303) throw new Error(`agent login: ${answer.status} ${(await answer.text()).slice(0, 300)}`);
  await expectPage(server, "/agent/tickets", jar, "agent");
  return jar;
}

async function expectPage(server: TAppServer, pathname: string, jar: CookieJar, who: string): Promise<void> {
  const response = await fetch(`${server.url}${pathname}`, { headers: { cookie: jar.header() }, redirect: "manual" });
  if (response.status !== 200)
    throw new Error(
      `${who} session does not open ${pathname}: ${response.status} (cookies: ${jar.names().join(", ")})`,
    );
}
