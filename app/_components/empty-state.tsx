import type { ReactNode } from "react";

/** What a list shows when it has nothing: a title, a helpful sentence and the next step. */
export function EmptyState({
  title,
  description,
  actions,
  icon,
  headingLevel = 2,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** A decorative icon from ./icons, e.g. `<IconReceipt />`. */
  icon?: ReactNode;
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="empty-state">
      {icon ? <div className="empty-state__icon">{icon}</div> : null}
      <Heading>{title}</Heading>
      {description ? <div className="empty-state__description">{description}</div> : null}
      {actions ? <div className="empty-state__actions">{actions}</div> : null}
    </div>
  );
}
