import Link from "next/link";
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ReactNode } from "react";

export type TButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type TButtonSize = "md" | "sm";

interface TButtonStyle {
  variant?: TButtonVariant;
  size?: TButtonSize;
  /** Full width. */
  block?: boolean;
  /** Decorative icon before the text (e.g. `<IconKey />`). */
  icon?: ReactNode;
  /** Decorative icon after the text (e.g. `<IconArrowRight />`). */
  iconEnd?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A link that looks like a button. `native` renders a plain <a> (downloads, route handlers,
 *  other origins) so Next.js never prefetches it — a prefetch would GET the URL. */
export type TButtonLinkProps = TButtonStyle & { href: string; native?: boolean } & Omit<
    AnchorHTMLAttributes<HTMLAnchorElement>,
    "href" | "className" | "children"
  >;

/** A real <button>; `type` defaults to "button" so only explicit submit buttons submit forms, and
 *  a submit button is "primary" unless another variant is given. */
export type TButtonElementProps = TButtonStyle & { href?: undefined } & Omit<
    ButtonHTMLAttributes<HTMLButtonElement>,
    "className" | "children"
  >;

export type TButtonProps = TButtonLinkProps | TButtonElementProps;

/** The class list of a button; shared with SubmitButton and client components. */
export function buttonClassName({
  variant = "secondary",
  size = "md",
  block = false,
  className,
}: Omit<TButtonStyle, "children" | "icon" | "iconEnd">): string {
  return ["btn", `btn--${variant}`, size === "sm" ? "btn--sm" : "", block ? "btn--block" : "", className ?? ""]
    .filter(Boolean)
    .join(" ");
}

/** Button or button-styled link in one of four variants (primary, secondary, danger, ghost). */
export function Button(props: TButtonProps) {
  if (props.href !== undefined) {
    const { variant, size, block, icon, iconEnd, className, children, href, native, ...rest } = props;
    const classes = buttonClassName({ variant, size, block, className });
    if (native) {
      return (
        <a href={href} className={classes} {...rest}>
          {icon}
          {children}
          {iconEnd}
        </a>
      );
    }
    return (
      <Link href={href} className={classes} {...rest}>
        {icon}
        {children}
        {iconEnd}
      </Link>
    );
  }
  // `href` is undefined here and renders nothing.
  const { variant, size, block, icon, iconEnd, className, children, type = "button", ...rest } = props;
  const resolved = variant ?? (type === "submit" ? "primary" : "secondary");
  return (
    <button type={type} className={buttonClassName({ variant: resolved, size, block, className })} {...rest}>
      {icon}
      {children}
      {iconEnd}
    </button>
  );
}
