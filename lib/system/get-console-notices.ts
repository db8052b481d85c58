import "server-only";
import { env } from "@/lib/env";
import type { TAgentSession } from "@/lib/auth/types";

/** What every console page warns about: for now, whether mail is kept in the dev mailbox. */
export interface TConsoleNotices {
  /** No SMTP_URL: buyers get no mail; sign-in links wait in the dev mailbox. */
  devMailbox: boolean;
}

/** `getConsoleNotices(agent)` — the console-wide warnings for the signed-in agent's layout. */
export function getConsoleNotices(agent: TAgentSession): TConsoleNotices {
  void agent; // every agent sees them: the console layout is already behind requireAgent
  return { devMailbox: env().devMailbox };
}
