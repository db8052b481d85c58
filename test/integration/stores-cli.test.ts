// The store commands of the operator CLI (their `run`, as scripts/keydesk.ts calls it): the webhook
// URL on a line of its own, secrets encrypted at rest and never listed, removal keeping the orders.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { run as addStore } from "@/scripts/cli/store-add";
import { run as listStores } from "@/scripts/cli/store-list";
import { run as removeStore } from "@/scripts/cli/store-remove";
import { errorOf } from "@/test/helpers/actors";

function captureLog(): { lines: () => string[] } {
  const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
  return {
    lines: () =>
      spy.mock.calls
        .map((call) => call.map(String).join(" "))
        .join("\n")
        .split("\n"),
  };
}

afterEach(() => vi.restoreAllMocks());

describe("keydesk store:add / store:list / store:remove", () => {
  it("adds a store, prints its webhook URL alone on a line, lists it without secrets, removes it", async () => {
    const out = captureLog();
    await addStore([
      "--provider",
      "stripe",
      "--name",
      "cli-stripe",
      "--secret",
      "whsec_cli_secret_123456",
      "--api-key",
      "rk_cli_key_123456",
    ]);
    const url = out.lines().find((line) => line.startsWith("http"));
    const store = await db().store.findUniqueOrThrow({ where: { name: "cli-stripe" } });
    expect(url).toBe(`${env().appUrl}/api/v1/stores/${store.id}/webhook`);
    expect(store.secretEnc).not.toContain("whsec_cli_secret_123456");
    expect(store.apiKeyEnc).not.toContain("rk_cli_key_123456");

    const listed = captureLog();
    await listStores();
    const row = listed.lines().find((line) => line.startsWith(`${store.id}\t`)) ?? "";
    expect(row).toContain(store.id);
    expect(row).toContain(url);
    expect(listed.lines().join("\n")).not.toMatch(/whsec_|rk_cli/);

    await removeStore(["--id", store.id]);
    expect(await db().store.count({ where: { id: store.id } })).toBe(0);
  });

  it("fails with a one-line reason for a missing option, an unknown provider, a taken name or id", async () => {
    captureLog();
    await expect(addStore(["--name", "x"])).rejects.toThrow(/store:add --provider P --name N/);
    // Every provider of SPEC's list has a connector now: an unknown one is refused by name.
    const unknown = await errorOf(addStore(["--provider", "digitalriver", "--name", "cli-dr"]));
    expect([unknown.code, unknown.fieldErrors?.provider?.[0]]).toEqual([
      "invalid_input",
      expect.stringMatching(/gumroad/),
    ]);
    await addStore(["--provider", "paddle", "--name", "cli-paddle"]);
    expect((await errorOf(addStore(["--provider", "paddle", "--name", "cli-paddle"]))).code).toBe("conflict");
    expect((await errorOf(removeStore(["--id", "no-such-store"]))).code).toBe("not_found");
    // One id in 64 starts with "-" (base64url): still read as the value of --id, not as an option.
    expect((await errorOf(removeStore(["--id", "-no-such-store"]))).code).toBe("not_found");
    await expect(removeStore([])).rejects.toThrow(/store:remove --id ID/);
  });
});
