import "server-only";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { isAppError } from "@/lib/errors";
import { openAgentSearch } from "@/lib/crypto/sealed-search";
import { searchOrders } from "@/lib/orders/search-orders";

/**
 * `getOrderSearchPage(agent, { s }, meta)` — the orders page in one call: the search text from the
 * sealed `?s=` token (the form posts, the URL never holds the text), and the results of
 * `searchOrders` (audited) or the message explaining a bad query.
 */
export async function getOrderSearchPage(agent: TAgentSession, input: { s?: unknown }, meta: TRequestMeta) {
  const query = openAgentSearch(agent, input.s);
  if (!query) return { query, result: null, error: null };
  try {
    return { query, result: await searchOrders(agent, { query }, meta), error: null };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { query, result: null, error: e.fieldErrors?.query?.[0] ?? e.message };
  }
}
