import { describe, expect, it } from "vitest";
import { CONNECTORS, connectorFor } from "@/lib/stores/providers/registry";
import { PROVIDER_IDS } from "@/lib/stores/types";

describe("store connector registry", () => {
  it("has a connector for each provider of the first connectors issue, filed under its own id", () => {
    const present = PROVIDER_IDS.filter((id) => CONNECTORS[id]);
    expect(present).toEqual(["stripe", "paddle", "fastspring", "lemonsqueezy", "polar"]);
    for (const id of present) {
      const connector = connectorFor(id)!;
      expect(connector.provider).toBe(id);
      expect(connector.label.length).toBeGreaterThan(0);
      expect(connector.needsSecret).toBe(true);
      // One line an admin can follow: where the URL goes, which events to tick.
      expect(connector.setupHint).not.toMatch(/\n/);
      expect(connector.setupHint).toMatch(/URL/);
    }
    expect(connectorFor("gumroad")).toBeNull();
  });
});
