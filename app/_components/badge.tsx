import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

export type TBadgeTone = "success" | "warning" | "danger" | "info" | "violet" | "neutral";

/** Every status the product shows, with its colour and label (order, item, key, refund, ticket, mail). */
const STATUSES = {
  paid: { tone: "success", label: "Paid" },
  refunded: { tone: "violet", label: "Refunded" },
  partially_refunded: { tone: "violet", label: "Partially refunded" },
  refund_requested: { tone: "warning", label: "Refund requested" },
  cancelled: { tone: "neutral", label: "Cancelled" },
  chargeback: { tone: "danger", label: "Chargeback" },
  active: { tone: "success", label: "Active" },
  revoked: { tone: "danger", label: "Revoked" },
  open: { tone: "info", label: "Open" },
  pending: { tone: "warning", label: "Pending" },
  solved: { tone: "success", label: "Solved" },
  closed: { tone: "neutral", label: "Closed" },
  approved: { tone: "success", label: "Approved" },
  denied: { tone: "danger", label: "Denied" },
  awaiting_refund: { tone: "warning", label: "Awaiting refund" },
  processed: { tone: "success", label: "Processed" },
  unverified: { tone: "warning", label: "Unverified" },
  sent: { tone: "success", label: "Sent" },
  dead: { tone: "danger", label: "Dead letter" },
  low: { tone: "neutral", label: "Low" },
  normal: { tone: "info", label: "Normal" },
  high: { tone: "warning", label: "High" },
  urgent: { tone: "danger", label: "Urgent" },
  admin: { tone: "violet", label: "Admin" },
  agent: { tone: "neutral", label: "Agent" },
} as const satisfies Record<string, { tone: TBadgeTone; label: string }>;

export type TBadgeStatus = keyof typeof STATUSES;

/** Human label of a status ("partially_refunded" → "Partially refunded"). */
export function statusLabel(status: TBadgeStatus): string {
  return STATUSES[status].label;
}

/** A small coloured label. Give a known `status` (colour and label follow), or a `tone` and text. */
export function Badge(
  props:
    { status: TBadgeStatus; children?: ReactNode } | { status?: undefined; tone?: TBadgeTone; children: ReactNode },
) {
  const t = useTranslations("common.status");
  const tone: TBadgeTone = props.status ? STATUSES[props.status].tone : (props.tone ?? "neutral");
  const text = props.children ?? (props.status ? t(props.status) : null);
  return <span className={tone === "neutral" ? "badge" : `badge badge--${tone}`}>{text}</span>;
}

/** A badge for a status that arrives as a plain string (from a DTO); unknown values show as text. */
export function StatusBadge({ value }: { value: string }) {
  return value in STATUSES ? (
    <Badge status={value as TBadgeStatus} />
  ) : (
    <Badge tone="neutral">{value.replace(/_/g, " ")}</Badge>
  );
}
