import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lengthPrefixed, twoCheckoutConnector as tco, twoCheckoutReceipt } from "@/lib/stores/providers/2checkout";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";
import { delivery, fixture, store, verifyWith } from "../helpers/store-connector";

const SECRET = "AABBCCDDEEFF-2co-secret-key";
const OLD_SECRET = "old-2co-secret-key-rotated";
const STORE = store("2checkout", [SECRET, OLD_SECRET]);
const BODY = fixture("2checkout", "ipn-complete.txt").toString("utf8");

/** The documented HMAC source: every value in received order, prefixed by its byte length; "0" for empty. */
function source(body: string): string {
  let out = "";
  for (const [, value] of new URLSearchParams(body)) out += value === "" ? "0" : `${Buffer.byteLength(value)}${value}`;
  return out;
}

/** Appends the signatures 2Checkout puts at the end of an IPN. */
function signed(
  body: string,
  algorithms: ("md5" | "sha256" | "sha3-256")[] = ["md5", "sha256", "sha3-256"],
  secret = SECRET,
) {
  const src = source(body);
  const names = { md5: "HASH", sha256: "SIGNATURE_SHA2_256", "sha3-256": "SIGNATURE_SHA3_256" } as const;
  return `${body}${algorithms.map((a) => `&${names[a]}=${createHmac(a, secret).update(src).digest("hex")}`).join("")}`;
}

function parseOne(body: string): TStoreEvent {
  const events = tco.parse(delivery(body, {}));
  expect(events).toHaveLength(1);
  return events[0]!;
}

describe("2checkout connector: the HMAC source string", () => {
  it("follows 2Checkout's documented example (lengths in bytes, 0 for an empty value)", () => {
    // The first fields of the documentation's table: SALEDATE 19, REFNO 7, REFNOEXT 0, ORDERNO 2, ORDERSTATUS 8, PAYMETHOD 13.
    expect(lengthPrefixed(["2016-06-01 12:22:09", "1000037", "", "13", "COMPLETE", "Wire transfer"])).toBe(
      "192016-06-01 12:22:09710000370213" + "8COMPLETE13Wire transfer",
    );
    expect(lengthPrefixed(["", "0", "Weiß"])).toBe("0105Weiß");
  });
});

describe("2checkout connector: verify", () => {
  it("accepts HASH (MD5), SHA2-256 and SHA3-256 alone or together, with the current or previous key", async () => {
    for (const algorithms of [["md5"], ["sha256"], ["sha3-256"], ["md5", "sha256", "sha3-256"]] as const) {
      for (const secret of [SECRET, OLD_SECRET]) {
        const body = signed(BODY, [...algorithms], secret);
        expect(await verifyWith(tco, delivery(body, {}), STORE)).toEqual({ ok: true });
      }
    }
  });

  it("refuses a tampered value, a reordered body, a wrong key, one bad signature among good ones, none at all", async () => {
    const good = signed(BODY);
    const tampered = good.replace("IPN_TOTALGENERAL=140.42", "IPN_TOTALGENERAL=1.42");
    expect(await verifyWith(tco, delivery(tampered, {}), STORE)).toEqual({ ok: false, reason: "bad_signature" });
    // Same pairs in another order: the order is part of what is signed.
    const pairs = [...new URLSearchParams(BODY)];
    const reordered = signed(new URLSearchParams([pairs[1]!, pairs[0]!, ...pairs.slice(2)]).toString());
    const swapped = reordered.slice(reordered.indexOf("&HASH="));
    expect(await verifyWith(tco, delivery(`${new URLSearchParams(pairs).toString()}${swapped}`, {}), STORE)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyWith(tco, delivery(signed(BODY, ["sha256"], "someone-else"), {}), STORE)).toMatchObject({
      ok: false,
    });
    const mixed = `${signed(BODY, ["sha256"])}&SIGNATURE_SHA3_256=${"0".repeat(64)}`;
    expect(await verifyWith(tco, delivery(mixed, {}), STORE)).toEqual({ ok: false, reason: "bad_signature" });
    expect(await verifyWith(tco, delivery(BODY, {}), STORE)).toEqual({ ok: false, reason: "missing_signature" });
  });
});

describe("2checkout connector: parse", () => {
  it("maps a COMPLETE IPN to a paid order with its lines, gross amounts, buyer and delivered codes", () => {
    const event = parseOne(signed(BODY));
    expect(event).toMatchObject({ id: "248917364:COMPLETE", type: "COMPLETE" });
    expect(event.changes).toEqual([
      {
        kind: "order_paid",
        externalId: "248917364",
        number: "248917364",
        placedAt: new Date("2026-11-28T09:41:12Z"),
        currency: "EUR",
        customer: {
          email: "juergen.weiss@example.de",
          name: "Jürgen Weiß",
          phone: "+49 89 1234567",
          address: { line1: "Hauptstraße 12", city: "München", region: "Bayern", postalCode: "80331", country: "DE" },
        },
        lines: [
          {
            ref: "4471283",
            sku: "KD-PRO",
            name: "Keydesk Pro – Einzelplatz",
            quantity: 2,
            unitAmount: 5831,
            licenseKeys: ["KDPRO-7H2Q-99XA-M3LC", "KDPRO-P0ZW-41KD-RT8E"],
          },
          {
            ref: "4471290",
            sku: "KD-SUPPORT",
            name: "Priority support (1 year)",
            quantity: 1,
            unitAmount: 2380,
            licenseKeys: [],
          },
        ],
        total: 14042,
      },
    ]);
  });

  it("PAYMENT_AUTHORIZED is paid too; REFUND refunds, REVERSED is a chargeback, other statuses are ignored", () => {
    expect(parseOne(BODY.replace("ORDERSTATUS=COMPLETE", "ORDERSTATUS=PAYMENT_AUTHORIZED")).changes[0]?.kind).toBe(
      "order_paid",
    );
    expect(parseOne(BODY.replace("ORDERSTATUS=COMPLETE", "ORDERSTATUS=REFUND"))).toMatchObject({
      id: "248917364:REFUND",
      changes: [{ kind: "refund", externalId: "248917364", full: true }],
    });
    expect(parseOne(BODY.replace("ORDERSTATUS=COMPLETE", "ORDERSTATUS=REVERSED")).changes).toEqual([
      { kind: "chargeback", externalId: "248917364" },
    ]);
    const pending = parseOne(BODY.replace("ORDERSTATUS=COMPLETE", "ORDERSTATUS=PENDING"));
    expect(pending.changes).toEqual([]);
    expect(pending.ignoredBecause).toMatch(/PENDING/);
  });

  it("uses IPN_PRICE[] when no IPN_TOTAL[] is sent, and refuses an IPN without products or REFNO", () => {
    const net = BODY.replace(/&IPN_TOTAL%5B%5D=[^&]*/g, "");
    const lines = (parseOne(net).changes[0] as { lines: { unitAmount: number }[] }).lines;
    expect(lines.map((l) => l.unitAmount)).toEqual([4900, 2000]);
    expect(() => tco.parse(delivery(BODY.replace(/&IPN_PID%5B%5D=[^&]*/g, ""), {}))).toThrow(MalformedDeliveryError);
    expect(() => tco.parse(delivery(BODY.replace("REFNO=248917364", "REFNO="), {}))).toThrow(/REFNO/);
    expect(() => tco.parse(delivery('{"REFNO":1}', {}))).toThrow(MalformedDeliveryError);
  });
});

describe("2checkout connector: the read receipt", () => {
  const now = new Date("2026-11-28T09:42:15Z");
  const replySource = `74471283${Buffer.byteLength("Keydesk Pro – Einzelplatz")}Keydesk Pro – Einzelplatz142026112809421114${"20261128094215"}`;

  it("answers <sig> for SHA2/SHA3 and <EPAYMENT> for MD5, over IPN_PID[0], IPN_PNAME[0], IPN_DATE and our date", () => {
    const receipt = twoCheckoutReceipt(delivery(signed(BODY), {}), STORE, now) ?? "";
    const sha256 = createHmac("sha256", SECRET).update(replySource).digest("hex");
    const sha3 = createHmac("sha3-256", SECRET).update(replySource).digest("hex");
    const md5 = createHmac("md5", SECRET).update(replySource).digest("hex");
    expect(receipt.split("\n")).toEqual([
      `<sig algo="sha256" date="20261128094215">${sha256}</sig>`,
      `<sig algo="sha3-256" date="20261128094215">${sha3}</sig>`,
      `<EPAYMENT>20261128094215|${md5}</EPAYMENT>`,
    ]);
  });

  it("signs with the key that signed the IPN (the previous one during a rotation), and only the algorithms it used", () => {
    const receipt = twoCheckoutReceipt(delivery(signed(BODY, ["sha256"], OLD_SECRET), {}), STORE, now);
    expect(receipt).toBe(
      `<sig algo="sha256" date="20261128094215">${createHmac("sha256", OLD_SECRET).update(replySource).digest("hex")}</sig>`,
    );
    const reply = tco.reply?.([], delivery(signed(BODY, ["md5"]), {}), STORE);
    expect(reply?.status).toBe(200);
    expect(reply?.body).toMatch(/^<EPAYMENT>\d{14}\|[0-9a-f]{32}<\/EPAYMENT>$/);
  });
});
