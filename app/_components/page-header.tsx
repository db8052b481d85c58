import type { ReactNode } from "react";

/** The top of a page: the one <h1>, an optional eyebrow (e.g. a back link), a description, an
 *  addon beside the title (e.g. a status Badge) and actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
  eyebrow,
  titleAddon,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
  titleAddon?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div className="page-header__text">
        {eyebrow ? <div className="page-header__eyebrow">{eyebrow}</div> : null}
        <div className="cluster">
          <h1>{title}</h1>
          {titleAddon}
        </div>
        {description ? <div className="page-header__description">{description}</div> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
