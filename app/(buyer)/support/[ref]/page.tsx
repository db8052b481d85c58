import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentTicketAccess } from "@/lib/auth/guards";
import { orNotFound } from "@/lib/http/or-not-found";
import { getTicketThread } from "@/lib/tickets/get-ticket-thread";
import { Alert } from "@/app/_components/alert";
import { StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { TicketThread } from "../_components/ticket-thread";
import { RedactionNotice } from "../new/_components/new-ticket-form";
import { leaveTicket, setClosed } from "./actions";
import { ReplyForm } from "./_components/reply-form";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support.ticket");
  return pageMetadata(t("metaTitle"), { referrer: "no-referrer" });
}

// Signed-in owners and guests holding this ticket's session see it; everyone else gets the same
// 404 as for a ticket that does not exist (the check is in the lib query, not only here).
export default async function TicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ ref: string }>;
  searchParams: Promise<{ created?: string; redacted?: string }>;
}) {
  const access = await currentTicketAccess();
  if (!access) notFound();
  const { ref } = await params;
  const { created, redacted } = await searchParams;
  const thread = await orNotFound(getTicketThread(access, { ref }));
  const closed = thread.status === "closed";
  const [t, categories, locale] = await Promise.all([
    getTranslations("support.ticket"),
    getTranslations("support.categories"),
    getLocale(),
  ]);
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={access.kind === "buyer" ? <Link href="/support">{t("back")}</Link> : undefined}
        title={thread.subject}
        titleAddon={<StatusBadge value={thread.status} />}
        description={
          <>
            <span className="mono">{thread.ref}</span> · {categories(thread.category)}
            {thread.orderNumber ? ` · ${t("order", { number: thread.orderNumber })}` : ""} ·{" "}
            {t("opened", { date: formatDateTime(thread.createdAt, "UTC", locale) })}
          </>
        }
        actions={
          <form action={setClosed}>
            <input type="hidden" name="ref" value={thread.ref} />
            <input type="hidden" name="closed" value={closed ? "no" : "yes"} />
            <button type="submit" className="btn btn--secondary btn--sm">
              {closed ? t("reopen") : t("close")}
            </button>
          </form>
        }
      />
      {created ? (
        <Alert tone="success" title={t("receivedTitle", { ref: thread.ref })}>
          {t("receivedText")}
        </Alert>
      ) : null}
      {Number(redacted) > 0 ? <RedactionNotice count={Number(redacted)} /> : null}
      {!thread.verified ? <Alert tone="info">{t("unverified")}</Alert> : null}
      <TicketThread messages={thread.messages} audience="customer" />
      <Card title={closed ? t("replyAndReopen") : t("reply")}>
        <ReplyForm ticketRef={thread.ref} idempotencyKey={newIdempotencyKey()} />
      </Card>
      {access.kind === "guest" ? (
        <form action={leaveTicket} className="cluster">
          <span className="small muted">{t("sharedComputer")}</span>
          <button type="submit" className="btn btn--ghost btn--sm">
            {t("leave")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
