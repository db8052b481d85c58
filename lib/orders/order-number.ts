// Order numbers as stores write them ("#1002", "2026/11/0042", "INV 77", "abc-12"): kept as sent
// for display, and searched by a key that ignores what people type differently — a leading or
// embedded "#", spaces, and ASCII letter case. The migration `order_number_key` backfills the same
// key in SQL, so this stays ASCII-only (SQLite's lower() folds nothing else).

/** The searchable key of an order number: ASCII lower case, without "#", spaces, tabs and line breaks. */
export function orderNumberKey(number: string): string {
  return number.replace(/[#\t\n\r ]/g, "").replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The number as it arrives from a URL segment: decoded when it is still percent-encoded
 * ("%231002" → "#1002"), as is when it does not decode (a literal "%" in a number).
 */
export function orderNumberFromPath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The buyer's order page of `number`; `?source=` when another of the buyer's orders has the same number. */
export function buyerOrderPath(
  order: { number: string; source: string },
  orders: readonly { number: string; source: string }[],
): string {
  const key = orderNumberKey(order.number);
  const path = `/orders/${encodeURIComponent(order.number)}`;
  const shared = orders.filter((o) => orderNumberKey(o.number) === key).length > 1;
  return shared ? `${path}?source=${encodeURIComponent(order.source)}` : path;
}
