import "server-only";
import { twoCheckoutConnector } from "@/lib/stores/providers/2checkout";
import { fastSpringConnector } from "@/lib/stores/providers/fastspring";
import { gumroadConnector } from "@/lib/stores/providers/gumroad";
import { lemonSqueezyConnector } from "@/lib/stores/providers/lemonsqueezy";
import { paddleConnector } from "@/lib/stores/providers/paddle";
import { payPalConnector } from "@/lib/stores/providers/paypal";
import { polarConnector } from "@/lib/stores/providers/polar";
import { shopifyConnector } from "@/lib/stores/providers/shopify";
import { stripeConnector } from "@/lib/stores/providers/stripe";
import { wooCommerceConnector } from "@/lib/stores/providers/woocommerce";
import type { TProviderId, TStoreConnector } from "@/lib/stores/types";

// Every provider's connector, by id. `undefined` would mark a provider that has no connector yet:
// the framework refuses to register a store for it (every provider of SPEC's list has one now).
export const CONNECTORS: Record<TProviderId, TStoreConnector | undefined> = {
  stripe: stripeConnector,
  paddle: paddleConnector,
  fastspring: fastSpringConnector,
  lemonsqueezy: lemonSqueezyConnector,
  polar: polarConnector,
  "2checkout": twoCheckoutConnector,
  paypal: payPalConnector,
  shopify: shopifyConnector,
  woocommerce: wooCommerceConnector,
  gumroad: gumroadConnector,
};

/** The connector for `provider`, or null when Keydesk has none for it yet. */
export function connectorFor(provider: TProviderId): TStoreConnector | null {
  return CONNECTORS[provider] ?? null;
}
