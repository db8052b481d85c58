import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decryptOptional } from "@/lib/crypto/encryption";
import { env } from "@/lib/env";
import type { TProviderId, TStoreConfig } from "@/lib/stores/types";

/** How long the secret replaced by a rotation still verifies deliveries. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

/** The columns `storeConfigOf` needs (select them with `STORE_CONFIG_SELECT`). */
export const STORE_CONFIG_SELECT = {
  id: true,
  name: true,
  provider: true,
  secretEnc: true,
  previousSecretEnc: true,
  previousSecretUntil: true,
  apiKeyEnc: true,
  apiBase: true,
  disabled: true,
} as const;

export interface TStoreRow {
  id: string;
  name: string;
  provider: string;
  secretEnc: string | null;
  previousSecretEnc: string | null;
  previousSecretUntil: Date | null;
  apiKeyEnc: string | null;
  apiBase: string | null;
  disabled: boolean;
}

/**
 * A store as its connector sees it: the current secret first, the previous one only while its
 * grace period lasts (a rotated-away secret stops working 24 h after the rotation).
 */
export function storeConfigOf(row: TStoreRow, now: Date): TStoreConfig {
  const secrets: string[] = [];
  const current = decryptOptional(row.secretEnc, ENC.storeSecret);
  if (current) secrets.push(current);
  if (row.previousSecretUntil && row.previousSecretUntil.getTime() > now.getTime()) {
    const previous = decryptOptional(row.previousSecretEnc, ENC.storeSecret);
    if (previous) secrets.push(previous);
  }
  return {
    id: row.id,
    name: row.name,
    provider: row.provider as TProviderId,
    secrets,
    apiKey: decryptOptional(row.apiKeyEnc, ENC.storeApiKey),
    apiBase: row.apiBase,
  };
}

/**
 * The URL to paste into the provider's webhook settings; for a provider that signs nothing
 * (Gumroad) it carries the store's secret token, which is then the only proof of origin.
 */
export function storeWebhookUrl(storeId: string, urlToken?: string | null): string {
  const base = `${env().appUrl}/api/v1/stores/${storeId}/webhook`;
  return urlToken ? `${base}?token=${encodeURIComponent(urlToken)}` : base;
}

/** The store's URL token (its current secret), for a connector whose secret lives in the URL. */
export function storeUrlToken(secretInUrl: boolean | undefined, secretEnc: string | null): string | null {
  return secretInUrl ? decryptOptional(secretEnc, ENC.storeSecret) : null;
}
