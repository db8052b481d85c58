import { useId, type ReactNode } from "react";

/** A surface with an optional header (title, description, actions) and footer. With a title it is
 *  a <section> labelled by that title. `flush` removes the body padding (for tables and lists). */
export function Card({
  title,
  description,
  actions,
  footer,
  children,
  headingLevel = 2,
  flush = false,
  className,
  id,
}: {
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  footer?: ReactNode;
  children?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  flush?: boolean;
  className?: string;
  id?: string;
}) {
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  const classes = ["card", className ?? ""].filter(Boolean).join(" ");
  const body =
    children === undefined ? null : (
      <div className={flush ? "card__body card__body--flush" : "card__body"}>{children}</div>
    );
  const foot = footer ? <div className="card__footer">{footer}</div> : null;
  if (!title) {
    return (
      <div className={classes} id={id}>
        {body}
        {foot}
      </div>
    );
  }
  return (
    <section className={classes} id={id} aria-labelledby={titleId}>
      <div className="card__header">
        <div>
          <Heading id={titleId} className="card__title">
            {title}
          </Heading>
          {description ? <p className="card__description">{description}</p> : null}
        </div>
        {actions ? <div className="cluster">{actions}</div> : null}
      </div>
      {body}
      {foot}
    </section>
  );
}
