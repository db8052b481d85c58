import { brandPalette } from "@/lib/branding/contrast";

// The brand's colours as a stylesheet of CSS custom properties (no inline style or script, so the
// CSP stays strict). Its URL carries the colour (`/brand/theme/1d4ed8.css`), so one URL always
// means the same bytes and browsers may cache it for ever.

const COLOR_FILE = /^([0-9a-f]{6})\.css$/;

/** The stylesheet URL for a primary colour (`#rrggbb`). */
export function brandThemePath(primaryColor: string): string {
  return `/brand/theme/${primaryColor.slice(1).toLowerCase()}.css`;
}

/** The stylesheet for a served name (`1d4ed8.css`), or null for any other name. */
export function brandThemeCss(fileName: string): string | null {
  const match = COLOR_FILE.exec(fileName);
  if (!match) return null;
  const p = brandPalette(`#${match[1]}`);
  return `:root {
  --color-brand: ${p.primary};
  --color-brand-hover: ${p.primaryHover};
  --color-brand-soft: ${p.primarySoft};
  --color-link: ${p.primary};
  --color-focus: ${p.primary};
}
@media (prefers-color-scheme: dark) {
  :root {
    --color-brand: ${p.primary};
    --color-brand-hover: ${p.primaryHover};
    --color-brand-soft: ${p.darkSoft};
    --color-link: ${p.darkLink};
    --color-focus: ${p.darkLink};
  }
}
`;
}
