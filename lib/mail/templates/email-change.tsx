import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

/** A link lifetime in words ("24 hours", "24 Stunden", "24時間"). */
function durationOf(ctx: TMailContext, ms: number): string {
  return ms >= 3_600_000
    ? ctx.t("emailChange.hours", { count: Math.round(ms / 3_600_000) })
    : ctx.t("emailChange.minutes", { count: Math.round(ms / 60_000) });
}

function reasonOf(ctx: TMailContext): string {
  return ctx.t("emailChange.reason", { vendor: ctx.brand.name });
}

/** "Confirm your new address" (to the NEW address) with its single-use link. */
export function emailChangeConfirmMail(
  ctx: TMailContext,
  props: { url: string; ttlMs: number; byAgent: boolean },
): TMailView {
  const { t } = ctx;
  const duration = durationOf(ctx, props.ttlMs);
  return {
    subject: t("emailChange.confirmSubject"),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("emailChange.confirmPreheader", { duration })}
        heading={t("emailChange.confirmHeading")}
        reason={reasonOf(ctx)}
      >
        <P>{props.byAgent ? t("emailChange.byAgent") : t("emailChange.byBuyer")}</P>
        <P>{t("emailChange.nothingYet")}</P>
        <Action ctx={ctx} label={t("emailChange.confirmButton")} url={props.url} />
        <P>{t("emailChange.confirmExpiry", { duration })}</P>
        <P>{t("emailChange.ignore")}</P>
      </MailLayout>
    ),
  };
}

/** The notice to the OLD address after a change; with an undo link when the buyer made it. */
export function emailChangedNoticeMail(
  ctx: TMailContext,
  props: { newAddressMasked: string; undoUrl: string | null },
): TMailView {
  const { t } = ctx;
  return {
    subject: t("emailChange.changedSubject"),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("emailChange.changedPreheader")}
        heading={t("emailChange.changedHeading")}
        reason={reasonOf(ctx)}
      >
        <P>{t("emailChange.changedText", { address: props.newAddressMasked })}</P>
        <P>{props.undoUrl ? t("emailChange.undoText") : t("emailChange.agentText")}</P>
        {props.undoUrl ? (
          <>
            <Action ctx={ctx} label={t("emailChange.undoButton")} url={props.undoUrl} />
            <P>{t("emailChange.undoExpiry")}</P>
          </>
        ) : null}
      </MailLayout>
    ),
  };
}

/** Instead of a confirm link, to an address that already belongs to another customer. */
export function emailChangeTakenMail(ctx: TMailContext, props: { supportUrl: string }): TMailView {
  const { t } = ctx;
  return {
    subject: t("emailChange.takenSubject"),
    element: (
      <MailLayout
        ctx={ctx}
        preheader={t("emailChange.takenPreheader")}
        heading={t("emailChange.takenHeading")}
        reason={reasonOf(ctx)}
      >
        <P>{t("emailChange.takenText")}</P>
        <P>{t("emailChange.takenMerge")}</P>
        <Action ctx={ctx} label={t("emailChange.takenButton")} url={props.supportUrl} />
      </MailLayout>
    ),
  };
}
