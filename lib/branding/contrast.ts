// WCAG 2.x contrast arithmetic for the vendor's primary colour. Pure functions: the brand use case
// refuses a colour that fails, and the theme stylesheet derives its hover and dark-mode shades here.

/** What the primary colour is drawn on or with in the light scheme: white text on a filled button,
 *  links on white cards and on the page background (app/globals.css `--color-bg`). */
export const CONTRAST_BACKGROUNDS = [
  { hex: "#ffffff", role: "white (button text, links on cards)" },
  { hex: "#f6f7f9", role: "the page background" },
] as const;

/** WCAG 2.x AA for normal-size text. */
export const AA_TEXT = 4.5;

/** The dark scheme's surfaces (app/globals.css), for the lightened link colour. */
const DARK_SURFACES = ["#0d1117", "#161b22"] as const;

type TRgb = [number, number, number];

/** `#rrggbb` (any case) → [r, g, b] 0–255; throws on anything else. */
export function parseHex(hex: string): TRgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

function toHex([r, g, b]: TRgb): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as TRgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes `color` towards `target` by `amount` (0: color, 1: target). */
export function mix(color: string, target: string, amount: number): string {
  const a = parseHex(color);
  const b = parseHex(target);
  return toHex([0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * amount) as TRgb);
}

/** The lowest ratio of `color` against the light-scheme backgrounds, and which one it is. */
export function weakestContrast(color: string): { ratio: number; against: string } {
  return CONTRAST_BACKGROUNDS.map((bg) => ({ ratio: contrastRatio(color, bg.hex), against: bg.role })).reduce(
    (low, next) => (next.ratio < low.ratio ? next : low),
  );
}

/** The closest shade of `color` (mixed towards black in 2 % steps) that passes AA everywhere. */
export function darkerPassingShade(color: string): string {
  for (let step = 1; step <= 50; step++) {
    const shade = mix(color, "#000000", step / 50);
    if (weakestContrast(shade).ratio >= AA_TEXT) return shade;
  }
  return "#000000";
}

/** The first mix of `color` towards `target` that reaches AA against every surface given. */
function firstPassing(color: string, target: string, surfaces: readonly string[]): string {
  for (let step = 0; step <= 50; step++) {
    const shade = mix(color, target, step / 50);
    if (surfaces.every((s) => contrastRatio(shade, s) >= AA_TEXT)) return shade;
  }
  return target;
}

/** The colours the theme stylesheet sets from one primary colour. */
export interface TBrandPalette {
  primary: string;
  primaryHover: string;
  primarySoft: string;
  /** Links and focus rings on the dark scheme's surfaces (the primary lightened until AA). */
  darkLink: string;
  darkSoft: string;
}

/** Derives hover, soft and dark-scheme shades from a primary colour that passed the AA check. */
export function brandPalette(primary: string): TBrandPalette {
  const color = primary.toLowerCase();
  return {
    primary: color,
    primaryHover: mix(color, "#000000", 0.15),
    primarySoft: mix(color, "#ffffff", 0.9),
    darkLink: firstPassing(color, "#ffffff", DARK_SURFACES),
    darkSoft: mix(color, "#0d1117", 0.75),
  };
}
