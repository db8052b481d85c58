import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

// Every ticket mail says only that something happened and where to read it: the reference and a
// link. Never the subject, the message or a reply (SPEC §1.7) — those stay in the portal.

export type TTicketMailKind = "confirm" | "received" | "reply" | "link";

/** "Confirm your request", "we received it", "there is a reply", "your link". */
export function ticketMail(ctx: TMailContext, props: { kind: TTicketMailKind; ref: string; url: string }): TMailView {
  const { t } = ctx;
  const ref = props.ref;
  const content = {
    confirm: {
      subject: t("ticket.confirmSubject", { ref }),
      preheader: t("ticket.confirmPreheader", { ref }),
      heading: t("ticket.confirmHeading", { ref }),
      text: t("ticket.confirmText", { ref }),
      button: t("ticket.confirmButton"),
      after: t("ticket.confirmExpiry"),
    },
    received: {
      subject: t("ticket.receivedSubject", { ref }),
      preheader: t("ticket.receivedPreheader", { ref }),
      heading: t("ticket.receivedSubject", { ref }),
      text: t("ticket.receivedText"),
      button: t("ticket.openButton"),
      after: t("ticket.receivedExpiry"),
    },
    reply: {
      subject: t("ticket.replySubject", { ref }),
      preheader: t("ticket.replyPreheader", { ref }),
      heading: t("ticket.replySubject", { ref }),
      text: t("ticket.replyText"),
      button: t("ticket.replyButton"),
      after: t("ticket.linkExpiry"),
    },
    link: {
      subject: t("ticket.linkSubject", { ref }),
      preheader: t("ticket.linkPreheader", { ref }),
      heading: t("ticket.linkSubject", { ref }),
      text: t("ticket.linkText"),
      button: t("ticket.openButton"),
      after: t("ticket.linkExpiry"),
    },
  }[props.kind];
  return {
    subject: content.subject,
    element: (
      <MailLayout
        ctx={ctx}
        preheader={content.preheader}
        heading={content.heading}
        reason={[t("ticket.reason", { ref, vendor: ctx.brand.name }), t("layout.ticketPrivacy")].join(
          ctx.locale === "ja" || ctx.locale === "zh-CN" ? "" : " ",
        )}
      >
        <P>{content.text}</P>
        <Action ctx={ctx} label={content.button} url={props.url} />
        <P>{content.after}</P>
      </MailLayout>
    ),
  };
}
