import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { getRefundSettings } from "@/lib/settings/get-refund-settings";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { RefundSettingsForm } from "./_components/refund-settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requireAdmin();
  const settings = await getRefundSettings(admin);
  return (
    <div className="stack stack--lg">
      <PageHeader title="Settings" description="Admins only. Changes are recorded in the audit log." />
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
