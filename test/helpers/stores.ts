// Store deliveries in integration tests: a store registered through the real use case, a delivery
// posted to the real route handler, and a tiny pass-through connector (test only, put in the
// "woocommerce" slot for the one test file that uses it) whose events carry their changes as JSON,
// so stores-framework.test.ts can drive the framework's edge cases — an unknown line, a change
// failing half-way, waiting and replay — without a provider's payload for each.
import { createHmac, timingSafeEqual } from "node:crypto";
import { POST } from "@/app/api/v1/stores/[storeId]/webhook/route";
import { createStore } from "@/lib/stores/create-store";
import { CONNECTORS } from "@/lib/stores/providers/registry";
import { MalformedDeliveryError, type TStoreChange, type TStoreConnector, type TStoreEvent } from "@/lib/stores/types";
import { meta } from "./actors";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

let counter = 0;

/** Registers a store through `createStore` (as the CLI does) and returns its id and name. */
export async function givenStore(
  provider: string,
  options: { secret?: string; apiKey?: string; apiBase?: string; name?: string } = {},
): Promise<{ id: string; name: string }> {
  counter += 1;
  const name = options.name ?? `${provider}-${Date.now()}-${counter}`;
  const store = await createStore(CLI_ACTOR, { provider, name, ...options }, meta());
  return { id: store.id, name: store.name };
}

/** POSTs raw bytes to the store webhook route handler exactly as a provider would (`search`: "?token=…"). */
export function deliver(
  storeId: string,
  body: string | Buffer,
  headers: Record<string, string>,
  search = "",
): Promise<Response> {
  const url = `http://localhost:3000/api/v1/stores/${storeId}/webhook${search}`;
  return POST(new Request(url, { method: "POST", headers, body: new Uint8Array(Buffer.from(body)) }), {
    params: Promise.resolve({ storeId }),
  });
}

/** The per-event outcomes of the default reply. */
export async function outcomesOf(response: Response): Promise<string[]> {
  const body = (await response.json()) as { events?: { outcome: string }[] };
  return (body.events ?? []).map((e) => e.outcome);
}

// ---- the pass-through test connector ------------------------------------------------------------

type TJsonChange = Omit<Extract<TStoreChange, { kind: "order_paid" }>, "placedAt"> & { placedAt: string };
export type TTestEvent = { id: string; type: string; changes: (TStoreChange | TJsonChange)[] };

/** HMAC-SHA256 hex of the body, in `x-test-signature` (verified like any shared-secret scheme). */
export function testSignature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export const passThroughConnector: TStoreConnector = {
  provider: "woocommerce",
  label: "Test store",
  setupHint: "Test only.",
  needsSecret: true,
  verify(delivery, store) {
    const given = Buffer.from(delivery.headers.get("x-test-signature") ?? "", "hex");
    if (given.length === 0) return { ok: false, reason: "missing_signature" };
    const ok = store.secrets.some((secret) => {
      const expected = Buffer.from(createHmac("sha256", secret).update(delivery.rawBody).digest("hex"), "hex");
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    return ok ? { ok: true } : { ok: false, reason: "bad_signature" };
  },
  parse(delivery) {
    let events: TTestEvent[];
    try {
      events = (JSON.parse(delivery.rawBody.toString("utf8")) as { events: TTestEvent[] }).events;
    } catch {
      throw new MalformedDeliveryError("The body is not JSON");
    }
    if (!Array.isArray(events)) throw new MalformedDeliveryError("No events list");
    return events.map((event): TStoreEvent => ({
      ...event,
      changes: event.changes.map((c) => (c.kind === "order_paid" ? { ...c, placedAt: new Date(c.placedAt) } : c)),
    }));
  },
};

/** Puts the pass-through connector in the "woocommerce" slot while a test file runs (the real one is put back after). */
export function usePassThroughConnector(): () => void {
  const before = CONNECTORS.woocommerce;
  CONNECTORS.woocommerce = passThroughConnector;
  return () => {
    CONNECTORS.woocommerce = before;
  };
}

/** Signs and delivers test events to a pass-through store. */
export function deliverTestEvents(storeId: string, secret: string, events: TTestEvent[]): Promise<Response> {
  const body = JSON.stringify({ events });
  return deliver(storeId, body, {
    "content-type": "application/json",
    "x-test-signature": testSignature(secret, body),
  });
}
