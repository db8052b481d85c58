import "server-only";
import type { TBuyerSession } from "@/lib/auth/types";
import { listAccessHistory, type TAccessAction } from "@/lib/buyers/list-access-history";
import { ACCOUNT_ACTIVITY_LABELS } from "@/lib/accounts/list-account-activity";
import { describeBrowser } from "@/lib/accounts/describe-browser";

/** What each event of the access history is called on the page. */
const ACCESS_LABELS: Record<TAccessAction, string> = {
  "buyer.sign_in": "Signed in with an e-mail link",
  "buyer.sign_out": "Signed out",
  "buyer.sign_out_everywhere": "Signed out everywhere",
  "license_key.revealed": "Licence key revealed",
  "license_keys.resent": "Licence keys e-mailed",
  "download.link_created": "Download link created",
  "download.started": "Download started",
  ...ACCOUNT_ACTIVITY_LABELS,
};

/**
 * `getActivityPage(buyer)` — everything `/activity` shows, for the signed-in buyer only: recent
 * sign-ins and the latest key, download and account events (lib/buyers/list-access-history), each
 * with its label and the browser named as on /account. Reads only.
 */
export async function getActivityPage(buyer: TBuyerSession) {
  const { signIns, events } = await listAccessHistory(buyer);
  return {
    signIns: signIns.map((session) => ({
      id: session.id,
      createdAt: session.createdAt,
      current: session.current,
      active: session.active,
      ip: session.ip,
      userAgent: session.userAgent,
      browser: describeBrowser(session.userAgent),
    })),
    events: events.map((event) => ({
      id: event.id,
      at: event.at,
      label: ACCESS_LABELS[event.action],
      /** The label's catalogue key under `activity.actions` (buyer pages show its translation). */
      labelKey: event.action,
      subject: event.subject,
      ip: event.ip,
      userAgent: event.userAgent,
      browser: describeBrowser(event.userAgent),
    })),
  };
}
