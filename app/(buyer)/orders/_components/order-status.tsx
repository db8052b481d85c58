import { Badge, StatusBadge } from "@/app/_components/badge";

/** An order's status, plus "Refund requested" while a refund request waits for a decision. */
export function OrderStatus({ status, refundRequested }: { status: string; refundRequested: boolean }) {
  return (
    <span className="cluster order-status">
      <StatusBadge value={status} />
      {refundRequested ? <Badge status="refund_requested" /> : null}
    </span>
  );
}
