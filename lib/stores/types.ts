// The store connector interface: one small adapter per provider (lib/stores/providers/<id>.ts),
// pure and synchronous where the provider allows it, so each can be unit-tested on the provider's
// documented payloads with the provider's own SDK as the signature oracle. The framework
// (lib/stores/*) does everything else: finds the store, records each delivery durably, runs the
// changes idempotently through the order intake, keeps the received-events log and answers.
//
//   verify(delivery, store)   headers + raw bytes → ok, or why not (401, nothing stored)
//   parse(delivery)           raw bytes → events (a delivery may batch several), each with a stable id
//   enrich?(event, store)     optional API calls (Stripe line items, PayPal orders) with the store's key
//   reply?(events, …)         the body a provider requires back (2Checkout's signed <EPAYMENT>)

/** Every provider Keydesk has a connector for (the second connectors issue adds the rest). */
export const PROVIDER_IDS = [
  "stripe",
  "paddle",
  "fastspring",
  "lemonsqueezy",
  "polar",
  "2checkout",
  "paypal",
  "shopify",
  "woocommerce",
  "gumroad",
] as const;
export type TProviderId = (typeof PROVIDER_IDS)[number];

/** A registered store as a connector sees it: decrypted secrets, never logged. */
export interface TStoreConfig {
  id: string;
  /** The store's name: it becomes every order's `source`. */
  name: string;
  provider: TProviderId;
  /**
   * Signing secrets, the current one first. After a rotation the previous one stays here for 24 h,
   * so deliveries signed before the switch still verify. Empty for providers verified otherwise.
   */
  secrets: string[];
  /** The provider API key/credentials, when the admin gave them (Stripe line items, PayPal). */
  apiKey: string | null;
  /** Another API host (tests use a local stand-in); null means the provider's real API. */
  apiBase: string | null;
}

/** One HTTP delivery exactly as received. */
export interface TDelivery {
  /** Header names are case-insensitive (a Fetch `Headers`). */
  headers: Headers;
  /** The exact bytes: signatures are computed over them, never over re-serialised JSON. */
  rawBody: Buffer;
  /** The full request URL (a URL token is the secret for providers that sign nothing). */
  url: URL;
  receivedAt: Date;
}

export type TVerifyResult =
  { ok: true } | { ok: false; reason: "missing_signature" | "bad_signature" | "stale_timestamp" | "unverifiable" };

/** A postal address as stores send it (all optional but country). */
export interface TStoreAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A buyer as far as the provider told us in this event. */
export interface TStoreCustomer {
  /** The provider's customer id: links a later "customer" event to orders waiting for it. */
  ref?: string;
  /** Missing when the provider sends it in a separate event (Paddle). */
  email?: string;
  name?: string;
  phone?: string;
  address?: TStoreAddress;
}

/** One order line; money in minor units of the order's currency (JPY has none). */
export interface TStoreLine {
  /** The provider's id of the line (refunds by line refer to it); else the SKU is used. */
  ref?: string;
  sku: string;
  name: string;
  quantity: number;
  unitAmount: number;
  licenseKeys: string[];
}

/** What one event changes. An event maps to zero or more changes, applied in order, atomically. */
export type TStoreChange =
  | {
      kind: "order_paid";
      /** The provider's order id: (store, externalId) is unique. */
      externalId: string;
      /** The number the buyer knows (shown, searchable). */
      number: string;
      placedAt: Date;
      /** ISO 4217, upper case. */
      currency: string;
      customer: TStoreCustomer;
      /** Empty when only the total is known: the framework shows the total as one item. */
      lines: TStoreLine[];
      /** The order total in minor units (used when `lines` is empty, and checked otherwise). */
      total: number;
    }
  | {
      kind: "refund";
      externalId: string;
      /** Refunded lines (by `ref`, or by SKU when the provider has no line ids). */
      lines?: { ref: string; quantity?: number }[];
      /** This refund's amount (minor units); `full` when the provider says the whole order. */
      amount?: number;
      /**
       * The order's refunded total after this refund, when the provider reports it cumulatively
       * (Stripe's `amount_refunded`, Polar's and Lemon Squeezy's `refunded_amount`): setting it is
       * idempotent, where adding `amount` twice is not.
       */
      refundedTotal?: number;
      full: boolean;
    }
  | { kind: "chargeback"; externalId: string }
  | { kind: "license_key"; externalId: string; lineRef: string; key: string }
  | { kind: "customer_details"; customer: TStoreCustomer & { ref: string } };

/** One provider event inside a delivery. */
export interface TStoreEvent {
  /**
   * Stable idempotency key: the provider's event id, or (when it has none) a hash of what makes
   * the event unique. The same event delivered twice, concurrently or after a restart → one effect.
   */
  id: string;
  /** The provider's event type as sent ("checkout.session.completed"). */
  type: string;
  /** What it changes; empty for event types Keydesk does not use (recorded as ignored). */
  changes: TStoreChange[];
  /** A readable reason when `changes` is empty on purpose ("test ping", "not a paid order"). */
  ignoredBecause?: string;
  /**
   * Provider ids that `enrich` needs and the changes do not carry (Stripe's checkout session id,
   * Polar's licence key id). Plain ids, never secrets; kept with the event so a replay can enrich.
   */
  context?: Record<string, string>;
}

/** A signed delivery whose body cannot be understood: recorded as failed with this reason. */
export class MalformedDeliveryError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "MalformedDeliveryError";
  }
}

/** A provider's HTTP API as a connector may call it (fetch with the store's base URL and key). */
export type TProviderFetch = (path: string, init?: RequestInit) => Promise<Response>;

export interface TStoreConnector {
  provider: TProviderId;
  /** As vendors know it: "Stripe", "Paddle Billing". */
  label: string;
  /** One line: where in the provider's dashboard the webhook URL goes, and which events to tick. */
  setupHint: string;
  /** True when the provider signs with a shared secret the admin must paste into Keydesk. */
  needsSecret: boolean;
  /**
   * True for a provider that signs nothing (Gumroad): Keydesk generates a random token, puts it in
   * the webhook URL (`?token=…`) and keeps it as the store's secret; rotating makes a new one.
   */
  secretInUrl?: boolean;
  /** What the admin puts in the API key field, when the connector needs one (PayPal's credentials). */
  apiKeyHint?: string;
  /** True when no delivery can be verified without the API key (PayPal verifies through its API). */
  needsApiKey?: boolean;
  /** Checks the delivery came from the provider (constant-time compares, timestamp tolerance). */
  verify(delivery: TDelivery, store: TStoreConfig): TVerifyResult | Promise<TVerifyResult>;
  /** Splits the delivery into events; throws `MalformedDeliveryError` for a body it cannot read. */
  parse(delivery: TDelivery): TStoreEvent[];
  /** Completes an event from the provider's API (only when the store has an API key). */
  enrich?(event: TStoreEvent, store: TStoreConfig, api: TProviderFetch): Promise<TStoreEvent>;
  /** The response the provider expects; default `200 {"received":true}`. */
  reply?(
    events: TStoreEvent[],
    delivery: TDelivery,
    store: TStoreConfig,
  ): { status: number; contentType: string; body: string };
}
