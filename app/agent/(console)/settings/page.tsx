import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { getSettingsPage } from "@/lib/settings/get-settings-page";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { RefundSettingsForm } from "./_components/refund-settings-form";
import { BrandSettingsForm } from "./_components/brand-settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requireAdmin();
  const { brand: brandSettings, refunds: settings } = await getSettingsPage(admin);
  const { brand } = brandSettings;
  return (
    <div className="stack stack--lg">
      <PageHeader title="Settings" description="Admins only. Changes are recorded in the audit log." />
      <Card title="Brand" description="What buyers see: your name, logo and colour on every page and mail.">
        <BrandSettingsForm
          values={{
            // Unnamed: the field stays empty, so saving other changes does not freeze the default name in English.
            name: brand.named ? brand.name : "",
            primaryColor: brand.primaryColor,
            supportEmail: brand.supportEmail ?? "",
            privacyUrl: brand.privacyUrl ?? "",
            termsUrl: brand.termsUrl ?? "",
            imprintUrl: brand.imprintUrl ?? "",
            company: brand.company ?? "",
            poweredBy: brand.poweredBy,
            logoPath: brandSettings.logoPath,
            logoMaxKb: brandSettings.logoMaxKb,
          }}
        />
      </Card>
      <Card
        title="Refunds"
        description="How approved refunds are paid back, and when an approval needs a second admin."
      >
        <RefundSettingsForm
          values={{
            gateway: settings.gateway,
            webhookUrl: settings.webhookUrl ?? "",
            hasSecret: settings.webhookSecretSet,
            secondApprovalAbove:
              settings.secondApprovalAboveMinor === null ? "" : (settings.secondApprovalAboveMinor / 100).toFixed(2),
          }}
        />
      </Card>
    </div>
  );
}
