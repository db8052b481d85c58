// The agent's order searches as the console really runs them: the search form is POSTed (a server
// action) and answered with a redirect to `/agent/orders?s=<sealed token>`; the result page loads
// from that token (a `?q=` in the URL is ignored, so a bench that GETs `?q=…` measures an empty page).
// Tokens are bound to the agent and last an hour, so they are made just before the case that uses them.
import type { TAppServer } from "../../test/helpers/app-server";
import { submitForm, type CookieJar } from "./http-forms";
import { buyerEmail, licenseKey, orderNumber } from "./seed";

export type TSearchKind = "email" | "number" | "license";

/** For each kind, the result-page paths (with their sealed tokens) of searches for `orders`. */
export async function sealedAgentSearches(
  server: Pick<TAppServer, "url">,
  jar: CookieJar,
  orders: number[],
): Promise<Record<TSearchKind, string[]>> {
  const queries: Record<TSearchKind, (order: number) => string> = {
    email: (order) => buyerEmail(Math.floor(order / 2)),
    number: (order) => orderNumber(order),
    license: (order) => licenseKey(order),
  };
  const paths: Record<TSearchKind, string[]> = { email: [], number: [], license: [] };
  for (const kind of Object.keys(queries) as TSearchKind[]) {
    for (const order of orders) {
      const response = await submitForm(server.url, "/agent/orders", { query: queries[kind](order) }, jar, "query");
      const location = response.headers.get("location") ?? "";
      const path = location.startsWith("http") ? new URL(location).pathname + new URL(location).search : location;
      if (response.status !== 303 || !/^\/agent\/orders\?s=/.test(path))
        throw new Error(`agent search form: ${response.status} ${location || "(no redirect)"}`);
      paths[kind].push(path);
    }
  }
  return paths;
}
