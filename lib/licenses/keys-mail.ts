import "server-only";
import { env } from "@/lib/env";
import { renderMail } from "@/lib/mail/render";

export interface TKeysMailOrder {
  number: string;
  source: string;
  placedAt: Date;
  items: { name: string; keys: string[] }[];
}

/**
 * The "your licence keys" e-mail: for each order its number, source and date, then each product
 * with its active keys. Deliberately nothing else about the buyer (no name, address or amounts).
 */
export function renderKeysMail(orders: TKeysMailOrder[], scope: "order" | "all") {
  const keyCount = orders.reduce((sum, o) => sum + o.items.reduce((n, i) => n + i.keys.length, 0), 0);
  const intro =
    scope === "order" && orders[0]
      ? `As you asked, here ${keyCount === 1 ? "is the active licence key" : "are the active licence keys"} of order ${orders[0].number}.`
      : `As you asked, here ${keyCount === 1 ? "is the active licence key" : "are the active licence keys"} of all your orders.`;
  const blocks = orders.map((order) =>
    [
      `Order ${order.number} (${order.source}, ${order.placedAt.toISOString().slice(0, 10)})`,
      ...order.items.flatMap((item) => item.keys.map((key) => `${item.name}: ${key}`)),
    ].join("\n"),
  );
  return {
    subject: keyCount === 1 ? "Your licence key" : "Your licence keys",
    ...renderMail({
      preheader: `${keyCount} licence key${keyCount === 1 ? "" : "s"}, as you asked.`,
      heading: "Your licence keys",
      paragraphs: [intro, ...blocks],
      action: { label: "See my orders", url: `${env().appUrl}/orders` },
      after: [
        "Keep this e-mail safe: a licence key works for whoever has it.",
        "If you did not ask for this, someone signed in with access to your mailbox; you can sign out everywhere from your access history page.",
      ],
    }),
  };
}
