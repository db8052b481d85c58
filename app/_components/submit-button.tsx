"use client";

import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClassName, type TButtonSize, type TButtonVariant } from "./button";

/** Submit button for a <form>: while the form is submitting it is disabled and shows
 *  `pendingLabel`, so a double click cannot send the form twice. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  size = "md",
  block = false,
  icon,
  className,
  disabled,
  ...rest
}: {
  children: ReactNode;
  /** Text while submitting, e.g. "Sending…". Defaults to the normal text. */
  pendingLabel?: string;
  variant?: TButtonVariant;
  size?: TButtonSize;
  block?: boolean;
  icon?: ReactNode;
  className?: string;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className" | "children">) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      className={buttonClassName({ variant, size, block, className })}
      disabled={disabled === true || pending}
      aria-busy={pending || undefined}
      {...rest}
    >
      {icon}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
