import { describe, expect, it } from "vitest";
import { CONNECTORS, connectorFor } from "@/lib/stores/providers/registry";
import { PROVIDER_IDS } from "@/lib/stores/types";

// Providers whose deliveries are signed with a secret the admin pastes into Keydesk.
const SHARED_SECRET = ["stripe", "paddle", "fastspring", "lemonsqueezy", "polar", "shopify", "woocommerce"];

describe("store connector registry", () => {
  it("has a connector for each shipped provider, filed under its own id", () => {
    const present = PROVIDER_IDS.filter((id) => CONNECTORS[id]);
    expect(present).toEqual(expect.arrayContaining(SHARED_SECRET));
    for (const id of present) {
      const connector = connectorFor(id)!;
      expect(connector.provider).toBe(id);
      expect(connector.label.length).toBeGreaterThan(0);
      if (SHARED_SECRET.includes(id)) expect(connector.needsSecret).toBe(true);
      // One line an admin can follow: where the URL goes, which events to tick.
      expect(connector.setupHint).not.toMatch(/\n/);
      expect(connector.setupHint).toMatch(/URL/);
    }
  });
});
