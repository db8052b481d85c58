import "server-only";
import { listBuyerSessions } from "@/lib/auth/buyer-sessions";
import type { TBuyerSession } from "@/lib/auth/types";
import { getAccount } from "@/lib/accounts/get-account";
import { countryOptions } from "@/lib/accounts/countries";
import { describeBrowser } from "@/lib/accounts/describe-browser";
import { listAccountActivity } from "@/lib/accounts/list-account-activity";

/** Sessions read for the "signed-in browsers" card (the active ones among the latest). */
const SESSIONS_READ = 20;
/** Account changes shown on the page; the full history is on /activity. */
const RECENT_CHANGES = 10;

/**
 * `getAccountPage(buyer)` — everything `/account` shows, for the signed-in buyer only: their
 * profile, newsletter choice and pending erasure request, the country list of the details form,
 * (named in the page's `locale`), the browsers signed in now (with readable names) and the latest account changes. Reads only.
 */
export async function getAccountPage(buyer: TBuyerSession, locale = "en") {
  const [account, sessions, activity] = await Promise.all([
    getAccount(buyer),
    listBuyerSessions(buyer, SESSIONS_READ),
    listAccountActivity(buyer, RECENT_CHANGES),
  ]);
  return {
    account,
    countries: countryOptions(locale),
    activeSessions: sessions
      .filter((session) => session.active)
      .map((session) => ({
        id: session.id,
        browser: describeBrowser(session.userAgent),
        userAgent: session.userAgent,
        ip: session.ip,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        current: session.current,
      })),
    activity,
  };
}

export type TAccountPage = Awaited<ReturnType<typeof getAccountPage>>;
