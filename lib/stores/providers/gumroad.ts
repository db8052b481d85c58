import "server-only";
import { derivedEventId } from "@/lib/stores/providers/_shared/body";
import { customerOf } from "@/lib/stores/providers/_shared/customer";
import { formValue, parseFormBody } from "@/lib/stores/providers/_shared/form";
import { safeEqualText } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, minorUnits, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import { MalformedDeliveryError, type TStoreChange, type TStoreConnector } from "@/lib/stores/types";

// Gumroad: its Ping and resource subscriptions (`sale`, `refund`, `dispute`, …) POST form data
// and sign nothing. The proof of origin is a random token Keydesk generated and put in the URL
// (`?token=…`, the store's secret; rotating makes a new URL, the old one works 24 h more).
//
// A sale is keyed by `sale_id`; `price` is the sale's total in cents of `currency` (USD when it is
// missing), `quantity` its units, `license_key` the key Gumroad generated. A refund resource (or a
// sale ping with `refunded=true`) refunds the sale — in part when Gumroad says so with
// `amount_refunded_in_cents` below the price — and a dispute is a chargeback. `test=true` pings
// (the "Send test ping" button) are recorded, never applied.

type TPairs = [string, string][];

function required(pairs: TPairs, name: string): string {
  const value = formValue(pairs, name)?.trim();
  if (!value) throw new MalformedDeliveryError(`The ping has no ${name}`);
  return value;
}

function saleChange(pairs: TPairs, receivedAt: Date): TStoreChange {
  const saleId = required(pairs, "sale_id");
  const currency = currencyCode(formValue(pairs, "currency") || "usd");
  const total = minorUnits(required(pairs, "price"));
  const quantity = Math.max(1, Number.parseInt(formValue(pairs, "quantity") ?? "1", 10) || 1);
  const sku = formValue(pairs, "product_permalink") || formValue(pairs, "product_id") || "gumroad-product";
  const variants = formValue(pairs, "variants")?.trim();
  const licenseKey = formValue(pairs, "license_key")?.trim();
  const placed = new Date(formValue(pairs, "sale_timestamp") ?? "");
  return {
    kind: "order_paid",
    externalId: saleId,
    number: formValue(pairs, "order_number") || saleId,
    placedAt: Number.isNaN(placed.getTime()) ? receivedAt : placed,
    currency,
    customer: customerOf({
      ref: formValue(pairs, "purchaser_id"),
      email: required(pairs, "email"),
      name: formValue(pairs, "full_name"),
    }),
    lines: [
      {
        ref: sku,
        sku,
        name: [formValue(pairs, "product_name") || sku, variants].filter(Boolean).join(" — "),
        quantity,
        unitAmount: unitAmountOf(total, quantity),
        licenseKeys: licenseKey ? [licenseKey] : [],
      },
    ],
    total,
  };
}

function refundChange(pairs: TPairs): TStoreChange {
  const saleId = required(pairs, "sale_id");
  const price = formValue(pairs, "price");
  const refunded = formValue(pairs, "amount_refunded_in_cents");
  const partial =
    formValue(pairs, "partially_refunded") === "true" ||
    (price !== undefined && refunded !== undefined && minorUnits(refunded) < minorUnits(price));
  if (!partial) return { kind: "refund", externalId: saleId, full: true };
  // A partial refund without its amount still marks the order, but takes no key back.
  return refunded !== undefined
    ? { kind: "refund", externalId: saleId, refundedTotal: minorUnits(refunded), full: false }
    : { kind: "refund", externalId: saleId, full: false };
}

/** A refund's key: the sale and how much of it is refunded now (a second partial refund is new). */
function refundId(pairs: TPairs, saleId: string): string {
  return `refund:${saleId}:${formValue(pairs, "amount_refunded_in_cents") ?? "full"}`;
}

export const gumroadConnector: TStoreConnector = {
  provider: "gumroad",
  label: "Gumroad",
  setupHint:
    "Gumroad → Settings → Advanced → Ping: paste this URL (it carries the store's secret token); for refunds and disputes also subscribe it to the sale, refund and dispute resources through Gumroad's API.",
  needsSecret: true,
  secretInUrl: true,

  verify(delivery, store) {
    const token = delivery.url.searchParams.get("token");
    if (!token) return { ok: false, reason: "missing_signature" };
    let matched = false;
    for (const secret of store.secrets) if (safeEqualText(token, secret)) matched = true;
    return matched ? { ok: true } : { ok: false, reason: "bad_signature" };
  },

  parse(delivery) {
    const pairs = parseFormBody(delivery.rawBody);
    const resource = formValue(pairs, "resource_name") || "sale";
    const saleId = required(pairs, "sale_id");
    const id = `${resource}:${saleId}`;
    if (formValue(pairs, "test") === "true") {
      return [
        {
          id: derivedEventId("test", id, delivery.rawBody.toString("base64")),
          type: `${resource} (test)`,
          changes: [],
          ignoredBecause: "A Gumroad test ping: recorded, never applied",
        },
      ];
    }
    switch (resource) {
      case "sale": {
        // The legacy Ping reports a sale's later refund or dispute with the same sale id.
        if (formValue(pairs, "disputed") === "true") {
          return [
            { id: `dispute:${saleId}`, type: "sale (disputed)", changes: [{ kind: "chargeback", externalId: saleId }] },
          ];
        }
        if (formValue(pairs, "refunded") === "true") {
          return [{ id: refundId(pairs, saleId), type: "sale (refunded)", changes: [refundChange(pairs)] }];
        }
        return [{ id, type: resource, changes: [saleChange(pairs, delivery.receivedAt)] }];
      }
      case "refund":
        return [{ id: refundId(pairs, saleId), type: resource, changes: [refundChange(pairs)] }];
      case "dispute":
        return [{ id, type: resource, changes: [{ kind: "chargeback", externalId: saleId }] }];
      default:
        return [
          { id, type: resource, changes: [], ignoredBecause: `Keydesk does not use Gumroad's ${resource} pings` },
        ];
    }
  },
};
