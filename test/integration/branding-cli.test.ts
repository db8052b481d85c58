// `npm run keydesk -- brand:set / brand:show` (their `run`, as scripts/keydesk.ts calls it): partial
// changes, clearing with "", the logo from a file, and refusals that name the option.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getBrand } from "@/lib/branding/brand";
import { run as setBrand } from "@/scripts/cli/brand-set";
import { run as showBrand } from "@/scripts/cli/brand-show";
import { errorOf } from "@/test/helpers/actors";

const LOGO = path.join(__dirname, "../fixtures/brand/logo.png");

function captureLog(): { text: () => string } {
  const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
  return { text: () => spy.mock.calls.map((call) => call.map(String).join(" ")).join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("keydesk brand:set / brand:show", () => {
  it("sets name, colour, logo and links, changes one thing later, clears with an empty value", async () => {
    captureLog();
    await setBrand([
      "--name",
      "Acme Software",
      "--color",
      "#0F766E",
      "--logo",
      LOGO,
      "--support-email",
      "help@acme.example",
      "--privacy-url",
      "https://acme.example/privacy",
      "--imprint-url",
      "https://acme.example/imprint",
      "--company",
      "Acme Software GmbH, Hauptstr. 1, 10115 Berlin",
      "--no-powered-by",
    ]);
    expect(await getBrand()).toMatchObject({
      name: "Acme Software",
      primaryColor: "#0f766e",
      supportEmail: "help@acme.example",
      privacyUrl: "https://acme.example/privacy",
      imprintUrl: "https://acme.example/imprint",
      poweredBy: false,
      logo: { type: "image/png", width: 160, height: 40 },
    });

    await setBrand(["--color", "#1e40af", "--privacy-url", "", "--powered-by"]);
    const out = captureLog();
    await showBrand();
    expect(out.text()).toContain("name: Acme Software");
    expect(out.text()).toContain("color: #1e40af");
    expect(out.text()).toContain("privacy-url: -");
    expect(out.text()).toContain("powered-by: shown");
    expect(out.text()).toMatch(/logo: \/brand\/logo\/[0-9a-f]{64}\.png \(160×40\)/);

    await setBrand(["--no-logo"]);
    expect((await getBrand()).logo).toBeNull();
  });

  it("refuses with the option named: weak colour, bad address, SVG logo, unknown option", async () => {
    const weak = await errorOf(setBrand(["--color", "#ffcc00"]));
    expect(weak.fieldErrors?.["--color"]?.[0]).toMatch(/contrast ratio of 1\.51:1/);
    const url = await errorOf(setBrand(["--terms-url", "javascript:alert(1)"]));
    expect(Object.keys(url.fieldErrors ?? {})).toEqual(["--terms-url"]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-brand-"));
    const svg = path.join(dir, "logo.png");
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const logo = await errorOf(setBrand(["--logo", svg]));
    expect(logo.fieldErrors?.["--logo"]?.[0]).toMatch(/SVG logos are not accepted/);
    expect((await errorOf(setBrand(["--colour", "#000000"]))).message).toMatch(/Usage/);
    expect((await errorOf(setBrand([]))).message).toMatch(/Usage/);
    expect((await errorOf(setBrand(["--logo", path.join(dir, "missing.png")]))).message).toMatch(/cannot read/);
  });
});
