import type { Metadata } from "next";
import { requireAgent } from "@/lib/auth/guards";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { FindCustomerForm } from "./_components/find-customer-form";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  await requireAgent();
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Customers"
        description="Find a customer by their current address or the address an order was placed with. Searches and views are recorded in the audit log."
      />
      <Card>
        <FindCustomerForm />
      </Card>
    </div>
  );
}
