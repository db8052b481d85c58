import "server-only";
import type { z } from "zod";
import { parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { customerOf } from "@/lib/stores/providers/_shared/customer";
import { verifyBodyHmac } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import {
  ZLemonEvent,
  ZLemonLicenseKey,
  ZLemonOrder,
  ZLemonSubscriptionInvoice,
} from "@/lib/stores/providers/lemonsqueezy-schemas";
import { MalformedDeliveryError, type TStoreConnector, type TStoreEvent } from "@/lib/stores/types";

// Lemon Squeezy: `X-Signature: <hex HMAC-SHA256(signing secret, raw body)>`, the event name in
// meta.event_name (also sent as X-Event-Name, which is not signed, so the body's is used). There
// is no timestamp to bound replays, and no event id: the idempotency key is built from the event
// name and the object (plus what changes between two events about it, e.g. the refunded amount).
//
// Orders are keyed by Lemon Squeezy's order id (licence keys name it); one order is one item,
// whose id is the line ref licence keys attach to. order_refunded reports the running refunded
// total. A subscription's first payment arrives as order_created, so subscription_payment_success
// makes an order only for renewals, keyed `invoice-<subscription invoice id>`.

type TEvent = z.infer<typeof ZLemonEvent>;
type TMapped = Omit<TStoreEvent, "type">;

function orderEvent(name: string, event: TEvent): TMapped {
  const order = parseWith(ZLemonOrder, event.data.attributes, "The order");
  const id = event.data.id;
  const currency = currencyCode(order.currency);
  if (name === "order_refunded") {
    const refunded = order.refunded_amount ?? undefined;
    const full = order.status === "refunded" || (refunded !== undefined && refunded >= order.total);
    return {
      id: `order_refunded:${id}:${refunded ?? order.status}`,
      changes: [
        { kind: "refund", externalId: id, full, ...(refunded !== undefined ? { refundedTotal: refunded } : {}) },
      ],
    };
  }
  const key = `order_created:${id}`;
  if (order.status !== "paid")
    return { id: key, changes: [], ignoredBecause: `Order status "${order.status}", not paid` };
  const item = order.first_order_item;
  const quantity = item?.quantity ?? 1;
  const variant = item?.variant_name && item.variant_name !== "Default" ? ` – ${item.variant_name}` : "";
  const sku = item?.variant_id ?? item?.product_id ?? id;
  return {
    id: key,
    changes: [
      {
        kind: "order_paid",
        externalId: id,
        number: order.order_number,
        placedAt: new Date(order.created_at),
        currency,
        customer: customerOf({ ref: order.customer_id, email: order.user_email, name: order.user_name }),
        lines: item
          ? [
              {
                ref: item.id,
                sku,
                name: `${item.product_name ?? sku}${variant}`,
                quantity,
                unitAmount: unitAmountOf(order.total, quantity),
                licenseKeys: [],
              },
            ]
          : [],
        total: order.total,
      },
    ],
  };
}

function licenseKeyEvent(name: string, event: TEvent): TMapped {
  const licence = parseWith(ZLemonLicenseKey, event.data.attributes, "The licence key");
  const id =
    name === "license_key_created"
      ? `${name}:${event.data.id}`
      : `${name}:${event.data.id}:${event.data.attributes.updated_at ?? ""}`;
  if (licence.disabled === true || licence.disabled === 1 || licence.status === "disabled") {
    return { id, changes: [], ignoredBecause: "The licence key is disabled in Lemon Squeezy" };
  }
  return {
    id,
    changes: [{ kind: "license_key", externalId: licence.order_id, lineRef: licence.order_item_id, key: licence.key }],
  };
}

function renewalEvent(event: TEvent): TMapped {
  const invoice = parseWith(ZLemonSubscriptionInvoice, event.data.attributes, "The subscription invoice");
  const id = `subscription_payment_success:${event.data.id}`;
  if (invoice.billing_reason === "initial") {
    return { id, changes: [], ignoredBecause: "A subscription's first payment: its order arrives as order_created" };
  }
  if (invoice.status !== "paid")
    return { id, changes: [], ignoredBecause: `Invoice status "${invoice.status}", not paid` };
  const number = `invoice-${event.data.id}`;
  return {
    id,
    changes: [
      {
        kind: "order_paid",
        externalId: number,
        number,
        placedAt: new Date(invoice.created_at),
        currency: currencyCode(invoice.currency),
        customer: customerOf({ ref: invoice.customer_id, email: invoice.user_email, name: invoice.user_name }),
        lines: [],
        total: invoice.total,
      },
    ],
  };
}

export const lemonSqueezyConnector: TStoreConnector = {
  provider: "lemonsqueezy",
  label: "Lemon Squeezy",
  setupHint:
    "Lemon Squeezy → Settings → Webhooks → +: paste this URL, choose a signing secret (paste the same here), tick order_created, order_refunded, license_key_created, license_key_updated and subscription_payment_success.",
  needsSecret: true,

  verify(delivery, store) {
    return verifyBodyHmac(delivery, store, "x-signature", "hex");
  },

  parse(delivery) {
    const event = parseJsonBody(delivery.rawBody, ZLemonEvent);
    const name = event.meta.event_name ?? delivery.headers.get("x-event-name") ?? "";
    if (!name) throw new MalformedDeliveryError("The body names no event (meta.event_name)");
    switch (name) {
      case "order_created":
      case "order_refunded":
        return [{ type: name, ...orderEvent(name, event) }];
      case "license_key_created":
      case "license_key_updated":
        return [{ type: name, ...licenseKeyEvent(name, event) }];
      case "subscription_payment_success":
        return [{ type: name, ...renewalEvent(event) }];
      default:
        return [
          {
            id: `${name}:${event.data.type}:${event.data.id}:${event.data.attributes.updated_at ?? ""}`,
            type: name,
            changes: [],
            ignoredBecause: `Keydesk does not use Lemon Squeezy's ${name} events`,
          },
        ];
    }
  },
};
