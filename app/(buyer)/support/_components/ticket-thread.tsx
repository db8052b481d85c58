import { useLocale, useTranslations } from "next-intl";
import type { TThreadMessage } from "@/lib/tickets/thread-dto";
import { Badge } from "@/app/_components/badge";
import { formatBytes, formatDateTime } from "@/app/_components/format";
import { IconDownload } from "@/app/_components/icons";
import styles from "./ticket-thread.module.css";

type TThreadT = ReturnType<typeof useTranslations<"support.thread">>;

function authorLabel(m: TThreadMessage, audience: "customer" | "agent", t: TThreadT): string {
  if (m.author === "customer") return audience === "customer" ? t("you") : t("customer");
  if (m.author === "system") return t("system");
  return m.agentName ? t("agentNamed", { name: m.agentName }) : t("support");
}

function messageClass(m: TThreadMessage): string {
  if (m.internal) return `${styles.message} ${styles.internal}`;
  if (m.author === "customer") return `${styles.message} ${styles.fromCustomer}`;
  if (m.author === "system") return `${styles.message} ${styles.system}`;
  return `${styles.message} ${styles.fromAgent}`;
}

/** A ticket's messages, oldest first. Internal notes (agents only ever receive them) are marked unmistakably. */
export function TicketThread({ messages, audience }: { messages: TThreadMessage[]; audience: "customer" | "agent" }) {
  const t = useTranslations("support.thread");
  const locale = useLocale();
  return (
    <ol className={styles.thread} aria-label={t("conversation")}>
      {messages.map((m) => (
        <li key={m.id} className={messageClass(m)}>
          <article aria-label={t(m.internal ? "internalFrom" : "messageFrom", { author: authorLabel(m, audience, t) })}>
            <div className={styles.head}>
              <span className="cluster">
                <span className={styles.author}>{authorLabel(m, audience, t)}</span>
                {m.internal ? <Badge tone="warning">{t("internalBadge")}</Badge> : null}
              </span>
              <time className="small muted" dateTime={m.createdAt.toISOString()}>
                {formatDateTime(m.createdAt, "UTC", locale)}
              </time>
            </div>
            <pre className={styles.body}>{m.body}</pre>
            {m.attachments.length > 0 ? (
              <ul className={styles.files} aria-label={t("attachments")}>
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a className={styles.file} href={`/support-attachments/${a.id}`} download>
                      <IconDownload />
                      <span>{a.fileName}</span>
                      <span className="muted">({formatBytes(a.size, locale)})</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </article>
        </li>
      ))}
    </ol>
  );
}
