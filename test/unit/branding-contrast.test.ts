// The WCAG arithmetic behind the brand colour check, against pairs whose ratios are published
// (WebAIM's contrast checker gives the same values to two decimals).
import { describe, expect, it } from "vitest";
import { brandPalette, contrastRatio, darkerPassingShade, weakestContrast } from "@/lib/branding/contrast";
import { brandThemeCss, brandThemePath } from "@/lib/branding/theme-css";

describe("contrastRatio", () => {
  it.each([
    ["#000000", "#ffffff", 21],
    ["#ffffff", "#ffffff", 1],
    ["#767676", "#ffffff", 4.54], // the lightest grey that passes AA on white
    ["#777777", "#ffffff", 4.48], // one step lighter fails
    ["#1d4ed8", "#ffffff", 6.7],
    ["#ff0000", "#ffffff", 4.0],
    ["#0000ff", "#ffffff", 8.59],
    ["#ffcc00", "#ffffff", 1.51],
  ])("%s on %s is %s:1", (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1);
    expect(contrastRatio(b, a)).toBeCloseTo(ratio, 1);
  });
});

describe("weakestContrast / darkerPassingShade", () => {
  it("measures against the page background too, which is darker than white", () => {
    // #767676 passes on white (4.54) but not on the #f6f7f9 page background.
    const weakest = weakestContrast("#767676");
    expect(weakest.ratio).toBeLessThan(4.5);
    expect(weakest.against).toBe("the page background");
  });

  it.each(["#ffcc00", "#ff0000", "#22c55e", "#a5b4fc", "#ffffff"])(
    "suggests a darker shade of %s that passes",
    (color) => {
      const shade = darkerPassingShade(color);
      expect(weakestContrast(shade).ratio).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(shade, "#000000")).toBeLessThan(contrastRatio(color, "#000000"));
    },
  );
});

describe("brandPalette", () => {
  it("derives a dark-scheme link colour that reaches AA on the dark surfaces", () => {
    for (const color of ["#1d4ed8", "#0f766e", "#7c2d12", "#000000"]) {
      const { darkLink, primaryHover } = brandPalette(color);
      expect(contrastRatio(darkLink, "#161b22")).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(darkLink, "#0d1117")).toBeGreaterThanOrEqual(4.5);
      // The hover shade is darker, so white button text keeps its contrast.
      expect(contrastRatio(primaryHover, "#ffffff")).toBeGreaterThanOrEqual(contrastRatio(color, "#ffffff"));
    }
  });

  it("is served as a stylesheet whose URL carries the colour", () => {
    expect(brandThemePath("#0F766E")).toBe("/brand/theme/0f766e.css");
    const css = brandThemeCss("0f766e.css");
    expect(css).toContain("--color-brand: #0f766e;");
    expect(css).toContain("prefers-color-scheme: dark");
    expect(brandThemeCss("0f766e.css; }")).toBeNull();
    expect(brandThemeCss("red.css")).toBeNull();
  });
});
