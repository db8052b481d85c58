import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { LookupForm } from "./_components/lookup-form";

export const metadata: Metadata = { title: "Find my orders" };

const NOTICES: Record<string, { tone: "info" | "warning"; text: string }> = {
  required: {
    tone: "info",
    text: "Please sign in again: enter your e-mail address and we will send you a fresh link.",
  },
  "signed-out": { tone: "info", text: "You are signed out on every device." },
};

export default async function LookupPage({
  searchParams,
}: {
  searchParams: Promise<{ signin?: string; email?: string }>;
}) {
  const { signin, email } = await searchParams;
  const notice = signin ? NOTICES[signin] : undefined;
  return (
    <div className="container--narrow stack stack--lg lookup">
      <div className="stack stack--sm">
        <h1>Find my orders</h1>
        <p className="lead">
          Licence keys, installers and refunds for everything you bought — with nothing but your e-mail address.
        </p>
      </div>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <Card>
        <LookupForm defaultEmail={email ?? ""} />
      </Card>
      <p className="small muted">
        Can&apos;t get into that mailbox any more?{" "}
        <Link className="link" href="/support/new">
          Contact support
        </Link>{" "}
        and tell us your order number.
      </p>
    </div>
  );
}
