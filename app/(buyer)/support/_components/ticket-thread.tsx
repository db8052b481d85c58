import type { TThreadMessage } from "@/lib/tickets/thread-dto";
import { Badge } from "@/app/_components/badge";
import { formatBytes, formatDateTime } from "@/app/_components/format";
import { IconDownload } from "@/app/_components/icons";
import styles from "./ticket-thread.module.css";

function authorLabel(m: TThreadMessage, audience: "customer" | "agent"): string {
  if (m.author === "customer") return audience === "customer" ? "You" : "Customer";
  if (m.author === "system") return "Automatic message";
  return m.agentName ? `${m.agentName} (Support)` : "Support";
}

function messageClass(m: TThreadMessage): string {
  if (m.internal) return `${styles.message} ${styles.internal}`;
  if (m.author === "customer") return `${styles.message} ${styles.fromCustomer}`;
  if (m.author === "system") return `${styles.message} ${styles.system}`;
  return `${styles.message} ${styles.fromAgent}`;
}

/** A ticket's messages, oldest first. Internal notes (agents only ever receive them) are marked unmistakably. */
export function TicketThread({ messages, audience }: { messages: TThreadMessage[]; audience: "customer" | "agent" }) {
  return (
    <ol className={styles.thread} aria-label="Conversation">
      {messages.map((m) => (
        <li key={m.id} className={messageClass(m)}>
          <article aria-label={`${m.internal ? "Internal note" : "Message"} from ${authorLabel(m, audience)}`}>
            <div className={styles.head}>
              <span className="cluster">
                <span className={styles.author}>{authorLabel(m, audience)}</span>
                {m.internal ? <Badge tone="warning">Internal note — not visible to the customer</Badge> : null}
              </span>
              <time className="small muted" dateTime={m.createdAt.toISOString()}>
                {formatDateTime(m.createdAt)}
              </time>
            </div>
            <pre className={styles.body}>{m.body}</pre>
            {m.attachments.length > 0 ? (
              <ul className={styles.files} aria-label="Attachments">
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a className={styles.file} href={`/support-attachments/${a.id}`} download>
                      <IconDownload />
                      <span>{a.fileName}</span>
                      <span className="muted">({formatBytes(a.size)})</span>
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
