import type { Metadata } from "next";
import { describeTicketLink, TICKET_LINK_MESSAGES } from "@/lib/tickets/redeem-ticket-link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { AskLinkForm } from "./_components/ask-link-form";
import { UseLinkForm } from "./_components/use-link-form";

export const metadata: Metadata = { title: "Open your support request", referrer: "no-referrer" };

// Opening a mailed ticket link only shows this page; the button's POST uses the link, so mail
// scanners that pre-open links cannot burn it. Without a (valid) link: ask for a new one.
export default async function TicketAccessPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const link = token ? await describeTicketLink({ token }) : null;
  const confirming = link?.purpose === "ticket_confirm";
  return (
    <div className="container--narrow stack stack--lg">
      {link?.state === "valid" ? (
        <Card>
          <div className="stack">
            <h1>{confirming ? "Confirm your support request" : "Open your support request"}</h1>
            <p>
              Request <strong className="mono">{link.ref}</strong>.{" "}
              {confirming
                ? "Confirm that you sent it, and our team will answer it."
                : "This link works once; after that, you stay signed in to this request for a while."}
            </p>
            <UseLinkForm token={token} label={confirming ? "Confirm and open my request" : "Open my request"} />
          </div>
        </Card>
      ) : (
        <Card>
          <div className="stack">
            <h1>{link ? "This link cannot be used" : "Get a link to your request"}</h1>
            {link ? (
              <Alert tone="warning">{TICKET_LINK_MESSAGES[link.state]}</Alert>
            ) : (
              <p>Enter the reference from our e-mail and your address, and we will send you a new link.</p>
            )}
            <AskLinkForm defaultRef={link?.ref ?? ""} />
          </div>
        </Card>
      )}
    </div>
  );
}
