/** Centred page-width wrapper: `narrow` for forms (40rem), default 72rem, `wide` for consoles (88rem). */
export function Container({
  children,
  size = "default",
  className,
}: {
  children: React.ReactNode;
  size?: "narrow" | "default" | "wide";
  className?: string;
}) {
  const classes = ["container", size === "default" ? "" : `container--${size}`, className ?? ""].filter(Boolean);
  return <div className={classes.join(" ")}>{children}</div>;
}
