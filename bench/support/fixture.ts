// The Keydesk under test, shared by the default and the scale mode: the production build started the
// way an operator starts it (`npm start` path: migrations, scripts/server.mjs) on a fresh SQLite
// DATA_DIR, mail going to a local SMTP sink, TRUST_PROXY=1 so each simulated client can have its own
// IP, and KEYDESK_WORKER=off so the mail worker runs only when a case starts it (`keydesk worker`)
// and never competes with a request being measured.
import { startAppServer, type TAppServer } from "../../test/helpers/app-server";
import type { CookieJar } from "./http-forms";
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
  const { server, smtp } = fixture;
  for (let i = 0; i < BUYER_ORDERS; i++) await postOrder(server, webhookOrder(BUYER_EMAIL, String(700_000 + i)));
  await openTickets(server, TICKETS, ticketBuyers);
  const agent = await signInAgent(server, "bench.agent@example.com");
  const worker = await startWorker(server);
  try {
    const buyer = await signInBuyer(server, smtp, BUYER_EMAIL);
    return { buyer, agent };
  } finally {
    await worker.stop();
  }
}

/** The agent's order searches: by e-mail, number and licence key of imported order `order`. */
export function agentSearches(order: number): Record<"email" | "number" | "license", string> {
  return {
    email: `/agent/orders?q=${encodeURIComponent(buyerEmail(Math.floor(order / 2)))}`,
    number: `/agent/orders?q=${orderNumber(order)}`,
    license: `/agent/orders?q=${encodeURIComponent(licenseKey(order))}`,
  };
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
