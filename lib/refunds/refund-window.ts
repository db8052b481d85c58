import "server-only";

const DAY_MS = 86_400_000;

/** Whole days since a purchase (0 on the day itself). */
export function daysSince(placedAt: Date, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - placedAt.getTime()) / DAY_MS));
}

/** Whether a purchase is still inside a refund window of `windowDays` days (the last day counts). */
export function insideRefundWindow(placedAt: Date, windowDays: number, now: Date = new Date()): boolean {
  return now.getTime() - placedAt.getTime() <= windowDays * DAY_MS;
}

/** Where a buyer goes when the window has passed: a support ticket about this order. */
export function refundSupportUrl(orderNumber: string): string {
  return `/support/new?order=${encodeURIComponent(orderNumber)}&category=refund`;
}
