import type { Metadata } from "next";
import Link from "next/link";
import { currentBuyer } from "@/lib/auth/guards";
import { getNewTicketPage } from "@/lib/tickets/get-new-ticket-page";
import { CATEGORY_LABELS, TICKET_CATEGORIES } from "@/lib/tickets/schemas";
import { Card } from "@/app/_components/card";
import { formatDate } from "@/app/_components/format";
import { NewTicketForm } from "./_components/new-ticket-form";

export const metadata: Metadata = { title: "Contact support" };

export default async function NewTicketPage() {
  const buyer = await currentBuyer();
  const page = await getNewTicketPage(buyer);
  const orders =
    page.orders?.map((o) => ({
      value: o.id,
      label: `Order ${o.number} · ${formatDate(o.placedAt)} · ${o.itemNames.join(", ")}`,
    })) ?? null;
  const categories = TICKET_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }));
  return (
    <div className="container--narrow stack stack--lg">
      <div className="stack stack--sm">
        <h1>Contact support</h1>
        <p className="lead">
          Tell us what went wrong. Your message goes straight to our support team — not through e-mail.
        </p>
        {buyer ? (
          <p className="small muted">
            Signed in as <strong>{buyer.email}</strong>. See your earlier requests under{" "}
            <Link className="link" href="/support">
              My tickets
            </Link>
            .
          </p>
        ) : (
          <p className="small muted">
            Already bought from us?{" "}
            <Link className="link" href="/lookup">
              Sign in with your e-mail address
            </Link>{" "}
            to pick the order from a list.
          </p>
        )}
      </div>
      <Card>
        <NewTicketForm categories={categories} orders={orders} />
      </Card>
      <p className="small muted">
        Your conversation is encrypted when stored and shown only to you and our support team. E-mails from us only say
        that something happened, with a link — never the conversation.
      </p>
    </div>
  );
}
