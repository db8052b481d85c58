import { useId, type ReactNode } from "react";

export interface TDataTableColumn {
  label: ReactNode;
  /** "end" for numbers and amounts. */
  align?: "start" | "end";
  /** Header read by screen readers only (e.g. an actions column). */
  srOnly?: boolean;
}

/** An accessible table: a <caption>, column headers with scope, rows you pass as <tr> children
 *  (use <th scope="row"> for the first cell). On narrow screens it scrolls sideways inside a
 *  labelled, keyboard-focusable region. */
export function DataTable({
  caption,
  captionHidden = false,
  columns,
  children,
}: {
  caption: string;
  /** Keep the caption for screen readers but hide it (when a heading above already says it). */
  captionHidden?: boolean;
  columns: TDataTableColumn[];
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    // A region that may scroll must be reachable by keyboard (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className={captionHidden ? "sr-only" : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={column.align === "end" ? "text-end" : undefined}>
                {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
