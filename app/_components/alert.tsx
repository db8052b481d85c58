import type { ReactNode } from "react";
import { IconCheckCircle, IconError, IconInfo, IconWarning } from "./icons";

export type TAlertTone = "info" | "success" | "warning" | "error";

const ICONS = { info: IconInfo, success: IconCheckCircle, warning: IconWarning, error: IconError } as const;

/** A message box. Errors use role="alert" (announced at once); the rest role="status". */
export function Alert({
  tone = "info",
  title,
  children,
  id,
}: {
  tone?: TAlertTone;
  title?: string;
  children?: ReactNode;
  id?: string;
}) {
  const Icon = ICONS[tone];
  return (
    <div id={id} className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      <Icon className="alert__icon" />
      <div className="alert__content">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
