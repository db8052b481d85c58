import "server-only";
import { CONNECTORS } from "@/lib/stores/providers/registry";
import { PROVIDER_IDS, type TProviderId, type TStoreConnector } from "@/lib/stores/types";

/** The connector of a stored provider name, or null when Keydesk has none for it (yet). */
export function storeConnector(provider: string): TStoreConnector | null {
  return (PROVIDER_IDS as readonly string[]).includes(provider) ? (CONNECTORS[provider as TProviderId] ?? null) : null;
}

/** The providers a store can be registered for, in the order forms list them. */
export function availableConnectors(): TStoreConnector[] {
  return PROVIDER_IDS.map((id) => CONNECTORS[id]).filter((c): c is TStoreConnector => c !== undefined);
}

/** The provider's real API host, used by `enrich` when the store has no `apiBase` of its own. */
export const DEFAULT_API_BASE: Partial<Record<TProviderId, string>> = {
  stripe: "https://api.stripe.com",
  paddle: "https://api.paddle.com",
  fastspring: "https://api.fastspring.com",
  lemonsqueezy: "https://api.lemonsqueezy.com",
  polar: "https://api.polar.sh",
  paypal: "https://api-m.paypal.com",
};
