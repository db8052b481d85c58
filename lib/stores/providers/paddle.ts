import "server-only";
import { parseJsonBody, parseWith } from "@/lib/stores/providers/_shared/body";
import { customerOf } from "@/lib/stores/providers/_shared/customer";
import { anySignatureMatches, isFresh, parseUnixSeconds } from "@/lib/stores/providers/_shared/hmac";
import { currencyCode, minorUnits, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import {
  ZPaddleAdjustment,
  ZPaddleCustomer,
  ZPaddleEvent,
  ZPaddleTransaction,
} from "@/lib/stores/providers/paddle-schemas";
import type { TStoreChange, TStoreConnector, TStoreEvent } from "@/lib/stores/types";

// Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex HMAC-SHA256(secret, "<ts>:<raw body>")>`,
// several h1 while a destination's secret is being rotated. One event per delivery (`evt_…`).
//
// Tolerance: 5 seconds either way, as Paddle's SDKs enforce and its docs ask of manual checks.
// Paddle signs each attempt when it sends it (retries carry a new ts), so a tight window loses
// nothing but replays; it assumes the server's clock is NTP-synchronised.
//
// Orders are keyed by the transaction id (`txn_…`), which adjustments name. Transactions carry
// no e-mail: the order names the customer by `ctm_…` and customer.created/updated completes it,
// whichever arrives first. A refund adjustment counts once it is approved (live refunds wait for
// Paddle's approval); its event key is the adjustment and its status, so adjustment.created and
// adjustment.updated reporting the same approved refund apply it once.

const TOLERANCE_SECONDS = 5;

function signatureParts(header: string): { ts: string | undefined; h1: string[] } {
  const h1: string[] = [];
  let ts: string | undefined;
  for (const piece of header.split(";")) {
    const at = piece.indexOf("=");
    if (at < 0) continue;
    const key = piece.slice(0, at).trim();
    const value = piece.slice(at + 1).trim();
    if (key === "ts") ts ??= value;
    if (key === "h1" && value) h1.push(value);
  }
  return { ts, h1 };
}

function transactionChanges(data: unknown): TStoreChange[] {
  const txn = parseWith(ZPaddleTransaction, data, "The transaction");
  const currency = currencyCode(txn.currency_code);
  return [
    {
      kind: "order_paid",
      externalId: txn.id,
      number: txn.invoice_number ?? txn.id,
      placedAt: new Date(txn.billed_at ?? txn.created_at),
      currency,
      customer: customerOf({ ref: txn.customer_id }),
      lines: txn.details.line_items.map((item) => {
        const sku = item.product?.id ?? item.price_id ?? item.id;
        return {
          ref: item.id,
          sku,
          name: item.product?.name ?? sku,
          quantity: item.quantity,
          unitAmount: unitAmountOf(minorUnits(item.totals.total), item.quantity),
          licenseKeys: [],
        };
      }),
      total: minorUnits(txn.details.totals.total),
    },
  ];
}

type TMapped = Pick<TStoreEvent, "changes" | "ignoredBecause"> & { key?: string };

function adjustmentChanges(data: unknown): TMapped {
  const adj = parseWith(ZPaddleAdjustment, data, "The adjustment");
  currencyCode(adj.currency_code);
  if (adj.action === "chargeback") {
    return { key: `${adj.id}:chargeback`, changes: [{ kind: "chargeback", externalId: adj.transaction_id }] };
  }
  if (adj.action !== "refund") {
    return { changes: [], ignoredBecause: `A ${adj.action} adjustment changes no order in Keydesk` };
  }
  if (adj.status !== "approved") {
    return { changes: [], ignoredBecause: `Refund ${adj.status.replace("_", " ")}: it counts once Paddle approves it` };
  }
  const items = adj.items ?? [];
  const full = adj.type === "full";
  // Items refunded whole are named as lines (their keys are revoked); a partial item refund or an
  // adjustment without items is an amount.
  const wholeLines = items.filter((item) => item.type === "full").map((item) => ({ ref: item.item_id }));
  const partial = items.filter((item) => item.type !== "full");
  const partialAmount =
    items.length === 0
      ? minorUnits(adj.totals?.total ?? "0")
      : partial.reduce((sum, item) => sum + minorUnits(item.amount ?? "0"), 0);
  const change: TStoreChange = full
    ? {
        kind: "refund",
        externalId: adj.transaction_id,
        full,
        ...(adj.totals ? { amount: minorUnits(adj.totals.total) } : {}),
      }
    : {
        kind: "refund",
        externalId: adj.transaction_id,
        full,
        ...(wholeLines.length > 0 ? { lines: wholeLines } : {}),
        ...(partialAmount > 0 ? { amount: partialAmount } : {}),
      };
  return { key: `${adj.id}:refund:approved`, changes: [change] };
}

export const paddleConnector: TStoreConnector = {
  provider: "paddle",
  label: "Paddle Billing",
  setupHint:
    "Paddle → Developer tools → Notifications → New destination (type webhook): paste this URL, tick transaction.completed, adjustment.created, adjustment.updated, customer.created and customer.updated, then copy the destination's secret key.",
  needsSecret: true,

  verify(delivery, store) {
    const header = delivery.headers.get("paddle-signature");
    if (!header) return { ok: false, reason: "missing_signature" };
    if (store.secrets.length === 0) return { ok: false, reason: "unverifiable" };
    const { ts, h1 } = signatureParts(header);
    const timestamp = parseUnixSeconds(ts);
    if (timestamp === null || h1.length === 0) return { ok: false, reason: "bad_signature" };
    const signed = Buffer.concat([Buffer.from(`${ts}:`), delivery.rawBody]);
    if (!anySignatureMatches(store.secrets, signed, h1, "hex")) return { ok: false, reason: "bad_signature" };
    if (!isFresh(timestamp, delivery.receivedAt, TOLERANCE_SECONDS)) return { ok: false, reason: "stale_timestamp" };
    return { ok: true };
  },

  parse(delivery) {
    const event = parseJsonBody(delivery.rawBody, ZPaddleEvent);
    const base = { id: event.event_id, type: event.event_type };
    switch (event.event_type) {
      case "transaction.completed":
        return [{ ...base, changes: transactionChanges(event.data) }];
      case "adjustment.created":
      case "adjustment.updated": {
        const { key, ...mapped } = adjustmentChanges(event.data);
        return [{ ...base, ...(key ? { id: key } : {}), ...mapped }];
      }
      case "customer.created":
      case "customer.updated": {
        const customer = parseWith(ZPaddleCustomer, event.data, "The customer");
        const details = customerOf({ ref: customer.id, email: customer.email, name: customer.name });
        return [{ ...base, changes: [{ kind: "customer_details", customer: { ...details, ref: customer.id } }] }];
      }
      default:
        return [{ ...base, changes: [], ignoredBecause: `Keydesk does not use Paddle's ${event.event_type} events` }];
    }
  },
};
