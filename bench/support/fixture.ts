// The Keydesk under test, shared by the default and the scale mode: the production build started the
// way an operator starts it (`npm start` path: migrations, scripts/server.mjs) on a fresh SQLite
// DATA_DIR, mail going to a local SMTP sink, TRUST_PROXY=1 so each simulated client can have its own
// IP, and KEYDESK_WORKER=off so the mail worker runs only when a case starts it (`keydesk worker`)
// and never competes with a request being measured.
import { startAppServer, type TAppServer } from "../../test/helpers/app-server";
import { hiddenFieldsOf, type CookieJar } from "./http-forms";
import { buyerEmail, licenseKey, orderNumber, postOrder, webhookOrder, openTickets } from "./seed";
import { signInAgent, signInBuyer, startWorker } from "./sessions";
import { startSmtpCounter, type TSmtpCounter } from "./smtp-counter";
import type { TLoadRequest } from "./load";

export const BUYER_EMAIL = "bench.buyer@example.com";
export const BUYER_ORDERS = 5;
export const TICKETS = 50;

export interface TFixture {
  server: TAppServer;
  smtp: TSmtpCounter;
  stop(): Promise<void>;
}

export async function startFixture(options: { env?: Record<string, string> } = {}): Promise<TFixture> {
  const smtp = await startSmtpCounter();
  try {
    const server = await startAppServer({
      smtpUrl: smtp.url,
      env: { TRUST_PROXY: "1", KEYDESK_WORKER: "off", ...options.env },
    });
    return {
      server,
      smtp,
      stop: async () => {
        await server.stop();
        await smtp.stop();
      },
    };
  } catch (error) {
    await smtp.stop();
    throw error;
  }
}

export interface TSessions {
  buyer: CookieJar;
  agent: CookieJar;
}

/**
 * A buyer with BUYER_ORDERS orders (signed webhook) and a session; TICKETS guest tickets from known
 * buyers (public API); an admin agent (CLI) with a session. Runs the worker only for the sign-in
 * link and the tickets' confirmation mails, and stops it again.
 */
export async function prepareVisitors(fixture: TFixture, ticketBuyers: number): Promise<TSessions> {
  const { server } = fixture;
  for (let i = 0; i < BUYER_ORDERS; i++) await postOrder(server, webhookOrder(BUYER_EMAIL, String(700_000 + i)));
  await openTickets(server, TICKETS, ticketBuyers);
  const agent = await signInAgent(server, "bench.agent@example.com");
  return { buyer: await signInBenchBuyer(fixture), agent };
}

/**
 * Signs the benchmark's buyer in (a link by mail), running the worker only until the link arrives. Also
 * how the scale mode renews the session after a long import: a buyer session idles out after 30
 * minutes, and the 1M import takes longer on a busy machine.
 */
export async function signInBenchBuyer(fixture: TFixture): Promise<CookieJar> {
  const worker = await startWorker(fixture.server);
  try {
    return await signInBuyer(fixture.server, fixture.smtp, BUYER_EMAIL);
  } finally {
    await worker.stop();
  }
}

export type TSearchKind = "email" | "number" | "license";

/** What the agent types to find imported order `order`: its buyer's e-mail, its number, its licence key. */
export function searchTexts(order: number): Record<TSearchKind, string> {
  return { email: buyerEmail(Math.floor(order / 2)), number: orderNumber(order), license: licenseKey(order) };
}

/**
 * The agent's order searches as a browser makes them: each text posted once through the search form
 * (a server action), answered with a redirect to the results under a sealed `?s=<token>` (valid for
 * an hour; `?q=` is ignored). Returns the result paths per kind, in the order of `orders`, after
 * checking that the first result page of each kind really lists its order (not an empty search).
 */
export async function sealAgentSearches(
  server: TAppServer,
  agent: CookieJar,
  orders: number[],
): Promise<Record<TSearchKind, string[]>> {
  const page = await fetch(`${server.url}/agent/orders`, { headers: { cookie: agent.header() } });
  if (page.status !== 200) throw new Error(`GET /agent/orders: ${page.status}`);
  // The search form's own action (the console's first form is "Sign out").
  const searchForm = /<form[^>]*role="search"[\s\S]*?<\/form>/.exec(await page.text())?.[0];
  if (!searchForm) throw new Error("no search form on /agent/orders");
  const hidden = hiddenFieldsOf(searchForm);
  const post = async (query: string): Promise<string> => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...hidden, query })) form.append(name, value);
    const response = await fetch(`${server.url}/agent/orders`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: agent.header(), origin: server.url },
    });
    const location = response.headers.get("location") ?? "";
    const sealed = /^(?:https?:\/\/[^/]+)?(\/agent\/orders\?s=[A-Za-z0-9_-]+)$/.exec(location)?.[1];
    if (response.status !== 303 || !sealed) throw new Error(`search post: ${response.status} → "${location}"`);
    return sealed;
  };
  const result: Record<TSearchKind, string[]> = { email: [], number: [], license: [] };
  for (const order of orders) {
    const texts = searchTexts(order);
    for (const kind of ["email", "number", "license"] as const) result[kind].push(await post(texts[kind]));
  }
  for (const kind of ["email", "number", "license"] as const) {
    const first = result[kind][0];
    if (first === undefined) continue;
    const html = await (await fetch(`${server.url}${first}`, { headers: { cookie: agent.header() } })).text();
    if (!html.includes(orderNumber(orders[0] ?? 0)))
      throw new Error(`agent search by ${kind}: the result page does not list order ${orderNumber(orders[0] ?? 0)}`);
  }
  return result;
}

/** A GET with a session cookie. */
export function withCookie(path: string, jar: CookieJar): TLoadRequest {
  return { path, headers: { cookie: jar.header() } };
}

/** The first file under /_next/static the home page links (served by Next.js, no proxy, no render). */
export async function findStaticAsset(server: TAppServer): Promise<string> {
  const html = await (await fetch(`${server.url}/`)).text();
  const asset = /\/_next\/static\/[^"'\s]+\.(?:css|js)/.exec(html)?.[0];
  if (!asset) throw new Error("no /_next/static asset linked from /");
  return asset;
}
