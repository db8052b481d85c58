import "server-only";
import type { TEnv } from "@/lib/env";

/** Hosts that only this machine can reach: the dev mailbox is meant for them. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True when `url` points at this machine (localhost, 127.0.0.0/8, ::1, *.localhost). */
export function isLocalAppUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return LOCAL_HOSTS.has(host) || host.endsWith(".localhost") || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Why this configuration must not serve, or null. Without SMTP_URL every mail — buyers' sign-in
 * links included — stays in a mailbox admins can read and buyers get nothing: fine on localhost,
 * a silent failure (and a way into buyers' accounts) on a public APP_URL, unless the operator says
 * so with KEYDESK_DEV_MAILBOX=on. One line, naming the setting to fix.
 */
export function mailSetupProblem(config: Pick<TEnv, "appUrl" | "devMailbox" | "devMailboxForced">): string | null {
  if (!config.devMailbox || config.devMailboxForced || isLocalAppUrl(config.appUrl)) return null;
  return `SMTP_URL is not set but APP_URL (${config.appUrl}) is public: buyers would get no mail and their sign-in links would sit in the dev mailbox. Set SMTP_URL (or KEYDESK_DEV_MAILBOX=on to keep the dev mailbox on purpose).`;
}

/** Throws the one-line refusal of `mailSetupProblem` (start script, worker CLI). */
export function assertMailSetup(config: TEnv): void {
  const problem = mailSetupProblem(config);
  if (problem) throw new Error(problem);
}
