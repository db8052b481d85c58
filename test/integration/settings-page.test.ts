// The console's settings page reads everything it shows through one use case, admins only, and
// that read says whether a refund webhook secret is set — never the secret itself.
import { describe, expect, it } from "vitest";
import { forgetCachedBrand } from "@/lib/branding/brand";
import { updateBrand } from "@/lib/branding/update-brand";
import { getSettingsPage } from "@/lib/settings/get-settings-page";
import { ZRefundSettingsInput } from "@/lib/settings/schemas";
import { updateRefundSettings } from "@/lib/settings/update-refund-settings";
import { errorOf, givenAgent, meta } from "../helpers/actors";

describe("getSettingsPage", () => {
  it("gives an admin the brand and the refund settings in one call, and refuses a plain agent", async () => {
    const admin = await givenAgent("admin", "sara.settings-page@desk.example");
    const agent = await givenAgent("agent", "otto.settings-page@desk.example");
    expect((await errorOf(getSettingsPage(agent))).code).toBe("forbidden");

    const secret = "settings-page-secret-0123456789";
    await updateBrand(admin, { name: "Quillsoft", primaryColor: "#1e40af" }, meta());
    forgetCachedBrand();
    const input = ZRefundSettingsInput.parse({
      gateway: "webhook",
      webhookUrl: "https://refunds.example.com/settings-page",
      webhookSecret: secret,
    });
    await updateRefundSettings(admin, input, meta());

    const page = await getSettingsPage(admin);
    expect(page.brand.brand).toMatchObject({ name: "Quillsoft", primaryColor: "#1e40af" });
    expect(page.brand.logoMaxKb).toBeGreaterThan(0);
    expect(page.refunds).toEqual({
      gateway: "webhook",
      webhookUrl: "https://refunds.example.com/settings-page",
      webhookSecretSet: true,
      secondApprovalAboveMinor: null,
    });
    expect(JSON.stringify(page)).not.toContain(secret);
  });
});
