import type { ReactNode } from "react";

/** Term/value pairs (order number, date, source…) as a <dl>, two columns from 30rem. */
export function DetailList({ items }: { items: { term: string; detail: ReactNode }[] }) {
  return (
    <dl className="detail-list">
      {items.map((item) => (
        <div key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
