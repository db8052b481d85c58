import "server-only";
import { derivedEventId, parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { addressOf, customerOf } from "@/lib/stores/providers/_shared/customer";
import { anySignatureMatches, isFresh, parseUnixSeconds } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode } from "@/lib/stores/providers/_shared/money";
import { ZPolarBenefitGrant, ZPolarEvent, ZPolarLicenseKey, ZPolarOrder } from "@/lib/stores/providers/polar-schemas";
import type { TStoreChange, TStoreConnector, TStoreEvent } from "@/lib/stores/types";

// Polar signs with Standard Webhooks: `webhook-id`, `webhook-timestamp`, and `webhook-signature:
// v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>` (space-separated while rotating).
// Tolerance 5 minutes either way, the specification's. The key: Polar's SDK uses the secret's
// UTF-8 bytes (it base64-encodes the raw secret before handing it to standardwebhooks); a
// `whsec_<base64>` secret is also tried as the specification reads it (decoded). The `webhook-id` is the event's idempotency key: retries repeat it.
//
// Orders are keyed by Polar's order id; a Polar order is one product, so it becomes one line whose
// ref is the order id (licence keys attach to it). order.refunded reports the running refunded
// total. Licence keys: a benefit grant carries only a masked key (****-A1B2C3) and the key's id,
// so with the store's API key `enrich` fetches the key (GET /v1/license-keys/{id}); without one
// the grant is recorded as ignored, with that reason.

const TOLERANCE_SECONDS = 300;

/**
 * The HMAC keys a secret may stand for: its UTF-8 bytes (Polar's SDK) and, for a `whsec_` secret,
 * the base64 key after the prefix (the Standard Webhooks reading).
 */
export function polarKeys(secret: string): Buffer[] {
  const raw = Buffer.from(secret, "utf8");
  return secret.startsWith("whsec_") ? [Buffer.from(secret.slice("whsec_".length), "base64"), raw] : [raw];
}

function orderChanges(type: string, data: unknown): TStoreChange[] {
  const order = parseWith(ZPolarOrder, data, "The order");
  const currency = currencyCode(order.currency);
  if (type === "order.refunded") {
    const refunded = order.refunded_amount ?? 0;
    const full = order.status === "refunded" || refunded >= order.total_amount;
    return [{ kind: "refund", externalId: order.id, full, refundedTotal: refunded }];
  }
  const address = order.billing_address ?? order.customer?.billing_address;
  const sku = order.product?.id ?? order.product_id ?? order.id;
  return [
    {
      kind: "order_paid",
      externalId: order.id,
      number: order.invoice_number ?? order.id,
      placedAt: new Date(order.created_at),
      currency,
      customer: customerOf({
        ref: order.customer?.id ?? order.customer_id,
        email: order.customer?.email,
        name: order.customer?.name ?? order.billing_name,
        address: address
          ? addressOf({ ...address, region: address.state, postalCode: address.postal_code })
          : undefined,
      }),
      lines: [
        {
          ref: order.id,
          sku,
          name: order.product?.name ?? order.description ?? sku,
          quantity: 1,
          unitAmount: order.total_amount,
          licenseKeys: [],
        },
      ],
      total: order.total_amount,
    },
  ];
}

function grantEvent(data: unknown): Pick<TStoreEvent, "changes" | "ignoredBecause" | "context"> {
  const grant = parseWith(ZPolarBenefitGrant, data, "The benefit grant");
  if (grant.benefit.type !== "license_keys") {
    return { changes: [], ignoredBecause: `A ${grant.benefit.type} benefit, not a licence key` };
  }
  if (grant.is_granted === false) return { changes: [], ignoredBecause: "The benefit is not granted" };
  if (!grant.order_id) {
    return { changes: [], ignoredBecause: "A licence key granted to a subscription, without an order to attach it to" };
  }
  // A full key in the grant itself (one the customer provided) needs no API call.
  const key = grant.properties?.key ?? grant.properties?.user_provided_key;
  if (key) return { changes: [{ kind: "license_key", externalId: grant.order_id, lineRef: grant.order_id, key }] };
  const keyId = grant.properties?.license_key_id;
  if (!keyId) return { changes: [], ignoredBecause: "The grant names no licence key yet" };
  return {
    changes: [],
    ignoredBecause: `Polar sends only a masked key (${grant.properties?.display_key ?? "****"}): give the store an API key so Keydesk can fetch it`,
    context: { licenseKey: keyId, order: grant.order_id },
  };
}

export const polarConnector: TStoreConnector = {
  provider: "polar",
  label: "Polar",
  setupHint:
    "Polar → Settings → Webhooks → Add endpoint: paste this URL, format Raw, select order.paid, order.refunded and benefit_grant.created, then copy the secret (add an access token with license_keys:read as API key to receive licence keys).",
  needsSecret: true,

  verify(delivery, store) {
    const id = delivery.headers.get("webhook-id");
    const ts = delivery.headers.get("webhook-timestamp");
    const header = delivery.headers.get("webhook-signature");
    if (!header) return { ok: false, reason: "missing_signature" };
    if (store.secrets.length === 0) return { ok: false, reason: "unverifiable" };
    const timestamp = parseUnixSeconds(ts);
    const signatures = header
      .split(" ")
      .map((part) => part.split(","))
      .filter(([version, signature]) => version === "v1" && signature)
      .map(([, signature]) => signature ?? "");
    if (!id || timestamp === null || signatures.length === 0) return { ok: false, reason: "bad_signature" };
    const signed = Buffer.concat([Buffer.from(`${id}.${ts}.`), delivery.rawBody]);
    if (!anySignatureMatches(store.secrets.flatMap(polarKeys), signed, signatures, "base64")) {
      return { ok: false, reason: "bad_signature" };
    }
    if (!isFresh(timestamp, delivery.receivedAt, TOLERANCE_SECONDS)) return { ok: false, reason: "stale_timestamp" };
    return { ok: true };
  },

  parse(delivery) {
    const event = parseJsonBody(delivery.rawBody, ZPolarEvent);
    const id =
      delivery.headers.get("webhook-id") ??
      derivedEventId("polar", event.type, event.data.id ?? "", event.data.modified_at ?? event.timestamp ?? "");
    const base = { id, type: event.type };
    switch (event.type) {
      case "order.paid":
      case "order.refunded":
        return [{ ...base, changes: orderChanges(event.type, event.data) }];
      case "benefit_grant.created":
        return [{ ...base, ...grantEvent(event.data) }];
      default:
        return [{ ...base, changes: [], ignoredBecause: `Keydesk does not use Polar's ${event.type} events` }];
    }
  },

  async enrich(event, _store, api) {
    const keyId = event.context?.licenseKey;
    const order = event.context?.order;
    if (!keyId || !order || event.changes.length > 0) return event;
    const response = await api(`/v1/license-keys/${encodeURIComponent(keyId)}`);
    if (!response.ok) throw new Error(`Polar answered ${response.status} for licence key ${keyId}`);
    const licenseKey = parseWith(ZPolarLicenseKey, await response.json(), "Polar's licence key");
    const { ignoredBecause: _masked, ...rest } = event;
    return { ...rest, changes: [{ kind: "license_key", externalId: order, lineRef: order, key: licenseKey.key }] };
  },
};
