import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { addressOf, customerOf, fullName } from "@/lib/stores/providers/_shared/customer";
import { formValue, formValues, parseFormBody } from "@/lib/stores/providers/_shared/form";
import { currencyCode, decimalToMinor, unitAmountOf } from "@/lib/stores/providers/_shared/money";
import {
  MalformedDeliveryError,
  type TDelivery,
  type TStoreChange,
  type TStoreConfig,
  type TStoreConnector,
  type TStoreLine,
} from "@/lib/stores/types";

// 2Checkout (Verifone, formerly Avangate) IPN: a form-encoded POST whose values — in the exact
// order received, each prefixed by its length in bytes ("0" alone for an empty value) — are signed
// with the account's secret key: `HASH` (HMAC-MD5), `SIGNATURE_SHA2_256` (HMAC-SHA256) and
// `SIGNATURE_SHA3_256` (HMAC-SHA3-256), whichever the account's IPN settings send. Every signature
// present must match; there is no timestamp to check (a retry repeats the same IPN), replays are
// stopped by the event keys.
//
// `ORDERSTATUS` COMPLETE or PAYMENT_AUTHORIZED → the order is paid (keyed by `REFNO`, the reference
// the buyer's receipt shows), REFUND → refunded in full, REVERSED → chargeback; other statuses are
// recorded as ignored. Lines come from the parallel arrays IPN_PID[]/IPN_PCODE[]/IPN_PNAME[]/
// IPN_QTY[]/IPN_PRICE[] (IPN_TOTAL[] when sent: the line's gross total); the codes 2Checkout
// delivered for a line (IPN_DELIVEREDCODES[], one entry per line, codes separated by line breaks or
// commas) become its licence keys.
//
// 2Checkout retries an IPN until the reply carries its read receipt: `<EPAYMENT>DATE|HASH</EPAYMENT>`
// (HMAC-MD5) and/or `<sig algo="sha256|sha3-256" date="DATE">HASH</sig>`, HASH over the
// length-prefixed IPN_PID[0], IPN_PNAME[0], IPN_DATE and DATE (our time, YmdHis UTC). The reply
// answers in every algorithm the IPN was signed with.

type TPairs = [string, string][];
type TAlgorithm = "md5" | "sha256" | "sha3-256";

const SIGNATURE_FIELDS: Record<string, TAlgorithm> = {
  HASH: "md5",
  SIGNATURE_SHA2_256: "sha256",
  SIGNATURE_SHA3_256: "sha3-256",
};

/** "<bytes><value>" for each value, "0" for an empty one — 2Checkout's HMAC source string. */
export function lengthPrefixed(values: readonly string[]): string {
  return values.map((value) => (value === "" ? "0" : `${Buffer.byteLength(value, "utf8")}${value}`)).join("");
}

function hmac(algorithm: TAlgorithm, key: string, data: string): string {
  return createHmac(algorithm, key).update(data, "utf8").digest("hex");
}

function sameHex(sent: string, expected: string): boolean {
  const a = Buffer.from(sent.trim().toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The secret (of the store's current and previous ones) that signed every signature the IPN carries. */
function signingSecret(pairs: TPairs, secrets: readonly string[]): string | null {
  const signatures = pairs.filter(([name]) => name in SIGNATURE_FIELDS);
  if (signatures.length === 0) return null;
  const source = lengthPrefixed(pairs.filter(([name]) => !(name in SIGNATURE_FIELDS)).map(([, value]) => value));
  let found: string | null = null;
  for (const secret of secrets) {
    let all = true;
    for (const [name, sent] of signatures) {
      if (!sameHex(sent, hmac(SIGNATURE_FIELDS[name]!, secret, source))) all = false;
    }
    if (all && found === null) found = secret;
  }
  return found;
}

/** 2Checkout's dates: "Y-m-d H:i:s" (SALEDATE) or "YmdHis" (IPN_DATE), read as UTC. */
function dateOf(text: string | undefined): Date | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(text?.trim() ?? "");
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function ymdHis(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function codesOf(entry: string | undefined): string[] {
  return (entry ?? "")
    .split(/[\r\n,]+/)
    .map((code) => code.trim())
    .filter(Boolean);
}

function linesOf(pairs: TPairs, currency: string): TStoreLine[] {
  const ids = formValues(pairs, "IPN_PID[]");
  const codes = formValues(pairs, "IPN_PCODE[]");
  const names = formValues(pairs, "IPN_PNAME[]");
  const quantities = formValues(pairs, "IPN_QTY[]");
  const prices = formValues(pairs, "IPN_PRICE[]");
  const totals = formValues(pairs, "IPN_TOTAL[]");
  const delivered = formValues(pairs, "IPN_DELIVEREDCODES[]");
  if (ids.length === 0) throw new MalformedDeliveryError("The IPN has no products (IPN_PID[])");
  return ids.map((id, i) => {
    const quantity = Number.parseInt(quantities[i] ?? "1", 10);
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new MalformedDeliveryError(`IPN_QTY[${i}] is not a quantity: "${quantities[i] ?? ""}"`);
    }
    const total = totals[i];
    const price = prices[i];
    const unitAmount =
      total !== undefined && total !== ""
        ? unitAmountOf(decimalToMinor(total, currency), quantity)
        : decimalToMinor(price ?? "0", currency);
    const sku = codes[i] || id;
    return {
      ref: id,
      sku,
      name: names[i] || sku,
      quantity,
      unitAmount,
      licenseKeys: codesOf(delivered[i]),
    };
  });
}

function paidChange(pairs: TPairs, refNo: string, receivedAt: Date): TStoreChange {
  const currency = currencyCode(formValue(pairs, "CURRENCY") ?? "");
  const lines = linesOf(pairs, currency);
  const general = formValue(pairs, "IPN_TOTALGENERAL");
  const total = general
    ? decimalToMinor(general, currency)
    : lines.reduce((sum, line) => sum + line.unitAmount * line.quantity, 0);
  const email = formValue(pairs, "CUSTOMEREMAIL");
  if (!email) throw new MalformedDeliveryError("The IPN has no CUSTOMEREMAIL");
  return {
    kind: "order_paid",
    externalId: refNo,
    number: refNo,
    placedAt: dateOf(formValue(pairs, "SALEDATE")) ?? dateOf(formValue(pairs, "IPN_DATE")) ?? receivedAt,
    currency,
    customer: customerOf({
      email,
      name: fullName(formValue(pairs, "FIRSTNAME"), formValue(pairs, "LASTNAME")),
      phone: formValue(pairs, "PHONE"),
      address: addressOf({
        line1: formValue(pairs, "ADDRESS1"),
        line2: formValue(pairs, "ADDRESS2"),
        city: formValue(pairs, "CITY"),
        region: formValue(pairs, "STATE"),
        postalCode: formValue(pairs, "ZIPCODE"),
        country: formValue(pairs, "COUNTRY_CODE"),
      }),
    }),
    lines,
    total,
  };
}

/** The read receipt 2Checkout requires, in each algorithm the IPN was signed with. */
export function twoCheckoutReceipt(delivery: TDelivery, store: TStoreConfig, now: Date): string | null {
  const pairs = parseFormBody(delivery.rawBody);
  const secret = signingSecret(pairs, store.secrets);
  if (!secret) return null;
  const date = ymdHis(now);
  const source = lengthPrefixed([
    formValues(pairs, "IPN_PID[]")[0] ?? "",
    formValues(pairs, "IPN_PNAME[]")[0] ?? "",
    formValue(pairs, "IPN_DATE") ?? "",
    date,
  ]);
  const parts: string[] = [];
  const sent = new Set(pairs.map(([name]) => name));
  if (sent.has("SIGNATURE_SHA2_256"))
    parts.push(`<sig algo="sha256" date="${date}">${hmac("sha256", secret, source)}</sig>`);
  if (sent.has("SIGNATURE_SHA3_256")) {
    parts.push(`<sig algo="sha3-256" date="${date}">${hmac("sha3-256", secret, source)}</sig>`);
  }
  if (sent.has("HASH")) parts.push(`<EPAYMENT>${date}|${hmac("md5", secret, source)}</EPAYMENT>`);
  return parts.join("\n");
}

export const twoCheckoutConnector: TStoreConnector = {
  provider: "2checkout",
  label: "2Checkout (Verifone)",
  setupHint:
    "2Checkout Merchant Control Panel → Integrations → Webhooks & API → IPN settings: add this URL as an IPN endpoint, tick SHA256 (and/or SHA3-256) for the hash and the product fields (IPN_PID, IPN_PCODE, IPN_PNAME, IPN_QTY, IPN_PRICE, IPN_DELIVEREDCODES), then paste the account's secret key.",
  needsSecret: true,

  verify(delivery, store) {
    let pairs: TPairs;
    try {
      pairs = parseFormBody(delivery.rawBody);
    } catch {
      return { ok: false, reason: "missing_signature" };
    }
    if (!pairs.some(([name]) => name in SIGNATURE_FIELDS)) return { ok: false, reason: "missing_signature" };
    if (store.secrets.length === 0) return { ok: false, reason: "unverifiable" };
    return signingSecret(pairs, store.secrets) ? { ok: true } : { ok: false, reason: "bad_signature" };
  },

  parse(delivery) {
    const pairs = parseFormBody(delivery.rawBody);
    const refNo = formValue(pairs, "REFNO")?.trim();
    if (!refNo) throw new MalformedDeliveryError("The IPN has no REFNO");
    const status = (formValue(pairs, "ORDERSTATUS") ?? "").trim().toUpperCase();
    const base = { id: `${refNo}:${status}`, type: status || "IPN" };
    switch (status) {
      case "COMPLETE":
      case "PAYMENT_AUTHORIZED":
        return [{ ...base, changes: [paidChange(pairs, refNo, delivery.receivedAt)] }];
      case "REFUND":
        return [{ ...base, changes: [{ kind: "refund", externalId: refNo, full: true }] }];
      case "REVERSED":
        return [{ ...base, changes: [{ kind: "chargeback", externalId: refNo }] }];
      default:
        return [
          { ...base, changes: [], ignoredBecause: `An order ${status || "without status"}: nothing to do in Keydesk` },
        ];
    }
  },

  reply(_events, delivery, store) {
    let receipt: string | null = null;
    try {
      receipt = twoCheckoutReceipt(delivery, store, new Date());
    } catch {
      receipt = null;
    }
    return receipt
      ? { status: 200, contentType: "text/plain; charset=utf-8", body: receipt }
      : { status: 200, contentType: "application/json", body: JSON.stringify({ received: true }) };
  },
};
