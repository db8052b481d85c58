// Store connector unit tests: a delivery as the framework hands it to a connector, fixtures read as raw bytes, and a store with given secrets.
import fs from "node:fs";
import path from "node:path";
import type { TDelivery, TProviderId, TStoreConfig, TStoreConnector, TVerifyResult } from "@/lib/stores/types";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/stores");

/** A fixture's exact bytes (signatures are over bytes, so tests never re-serialise). */
export function fixture(provider: string, name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, provider, name));
}

/** A fixture parsed, to derive variants from (then serialised once and signed as such). */
export function fixtureJson(provider: string, name: string): Record<string, unknown> {
  return JSON.parse(fixture(provider, name).toString("utf8")) as Record<string, unknown>;
}

export function delivery(
  rawBody: Buffer | string,
  headers: Record<string, string>,
  receivedAt = new Date(),
): TDelivery {
  return {
    headers: new Headers(headers),
    rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody),
    url: new URL("https://keydesk.example/api/v1/stores/store_1/webhook"),
    receivedAt,
  };
}

export function store(provider: TProviderId, secrets: string[], apiKey: string | null = null): TStoreConfig {
  return { id: "store_1", name: `${provider}-shop`, provider, secrets, apiKey, apiBase: null };
}

/** A connector's verify, awaited (connectors may verify synchronously or by calling the provider). */
export async function verifyWith(connector: TStoreConnector, d: TDelivery, s: TStoreConfig): Promise<TVerifyResult> {
  return await connector.verify(d, s);
}
