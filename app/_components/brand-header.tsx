import Link from "next/link";
import { brandThemePath } from "@/lib/branding/theme-css";

/** The vendor's logo (alt text: its name) or, without a logo, its name — linking home. */
export function BrandMark({ name, logoPath, href = "/" }: { name: string; logoPath: string | null; href?: string }) {
  return (
    <Link href={href} className="logo brand-mark">
      {logoPath ? (
        // A plain <img>: the logo is already small and cached for ever under its content hash.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={logoPath} alt={name} className="brand-mark__logo" />
      ) : (
        <span className="brand-mark__name">{name}</span>
      )}
    </Link>
  );
}

/** The stylesheet that sets the brand colour as CSS custom properties (hoisted into <head>). */
export function BrandTheme({ primaryColor }: { primaryColor: string }) {
  return <link rel="stylesheet" href={brandThemePath(primaryColor)} precedence="brand" />;
}
