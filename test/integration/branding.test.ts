// The vendor's brand: saved by admins only and audited, partial changes keep the rest, a colour
// below WCAG AA and anything but a real PNG/WebP logo are refused with the reason, logos are
// stored by hash and served with safe headers, and the in-process copy is dropped on save.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseOrThrow } from "@/lib/errors";
import { BRAND_SETTINGS_KEY, DEFAULT_BRAND, brandLogoPath, forgetCachedBrand, getBrand } from "@/lib/branding/brand";
import { ZBrandFields, ZBrandForm } from "@/lib/branding/schemas";
import { updateBrand } from "@/lib/branding/update-brand";
import { getBrandSettings } from "@/lib/branding/get-brand-settings";
import { getFavicon } from "@/lib/branding/favicon";
import { brandMetadataIn, pageMetadataIn } from "@/lib/branding/metadata";
import { LOGO_MAX_BYTES } from "@/lib/branding/logo-image";
import { GET as getLogo } from "@/app/brand/logo/[file]/route";
import { GET as getFaviconRoute } from "@/app/favicon.ico/route";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";
import { errorOf, givenAgent, meta } from "../helpers/actors";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/brand", name));

let ADMIN: TAdminSession;
let AGENT: TAgentSession;

beforeAll(async () => {
  ADMIN = await givenAgent("admin");
  AGENT = await givenAgent("agent");
});

beforeEach(async () => {
  await db().setting.deleteMany({ where: { key: BRAND_SETTINGS_KEY } });
  forgetCachedBrand();
});

describe("updateBrand", () => {
  it("starts from neutral defaults, saves every field, and audits which fields changed", async () => {
    expect(await getBrand()).toEqual(DEFAULT_BRAND);
    const brand = await updateBrand(
      ADMIN,
      {
        name: "Acme Software",
        primaryColor: "#0f766e",
        supportEmail: "help@acme.example",
        privacyUrl: "https://acme.example/privacy",
        termsUrl: "https://acme.example/terms",
        imprintUrl: "https://acme.example/imprint",
        company: "Acme Software GmbH, Hauptstr. 1, 10115 Berlin",
        poweredBy: false,
        logo: fixture("logo.png"),
      },
      meta({ ip: "198.51.100.60" }),
    );
    expect(brand).toMatchObject({ name: "Acme Software", primaryColor: "#0f766e", poweredBy: false });
    expect(brand.logo).toMatchObject({ type: "image/png", width: 160, height: 40 });
    expect(await getBrand()).toEqual(brand);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "settings.brand_updated", actorId: ADMIN.agentId },
      orderBy: { at: "desc" },
    });
    expect(event.targetId).toBe("brand");
    expect(event.metadata).toEqual({
      changed: expect.arrayContaining(["name", "primaryColor", "logo", "company", "poweredBy"]) as unknown,
    });
  });

  it("keeps what a partial change leaves out, clears a field sent empty, and removes the logo", async () => {
    await updateBrand(
      CLI_ACTOR,
      { name: "Acme", primaryColor: "#7c2d12", termsUrl: "https://acme.example/terms", logo: fixture("logo.png") },
      meta(),
    );
    const colourOnly = await updateBrand(CLI_ACTOR, { primaryColor: "#1e40af" }, meta());
    expect(colourOnly).toMatchObject({ name: "Acme", primaryColor: "#1e40af", termsUrl: "https://acme.example/terms" });
    expect(colourOnly.logo).not.toBeNull();
    const cleared = await updateBrand(CLI_ACTOR, { termsUrl: "", removeLogo: true }, meta());
    expect(cleared).toMatchObject({ name: "Acme", primaryColor: "#1e40af", termsUrl: null, logo: null });
    const system = await db().auditEvent.findMany({
      where: { action: "settings.brand_updated", actorType: "system" },
    });
    expect(system.map((event) => event.metadata)).toContainEqual({ changed: ["logo", "termsUrl"] });
  });

  it("refuses a plain agent", async () => {
    const error = await errorOf(updateBrand(AGENT as TAdminSession, { name: "Hijacked" }, meta()));
    expect(error.code).toBe("forbidden");
    await expect(getBrandSettings(AGENT)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getBrand()).name).toBe(DEFAULT_BRAND.name);
  });

  it("refuses a colour below WCAG AA, naming the ratio and a darker shade that passes", async () => {
    const error = await errorOf(updateBrand(ADMIN, { name: "Sunny", primaryColor: "#ffcc00" }, meta()));
    expect(error.code).toBe("invalid_input");
    const message = error.fieldErrors?.primaryColor?.[0] ?? "";
    expect(message).toMatch(/#ffcc00 has a contrast ratio of 1\.51:1 against white \(1\.41:1 on the page background\)/);
    expect(message).toMatch(/needs 4\.5:1/);
    const suggested = /such as (#[0-9a-f]{6})/.exec(message)?.[1];
    expect(suggested).toBeDefined();
    // The suggestion itself is accepted; nothing of the refused change was saved.
    expect((await getBrand()).name).toBe(DEFAULT_BRAND.name);
    await expect(updateBrand(ADMIN, { primaryColor: suggested! }, meta())).resolves.toMatchObject({
      primaryColor: suggested,
    });
  });

  it.each([
    ["an SVG", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /SVG/],
    ["a GIF", Buffer.from("GIF89a\x10\x00\x10\x00\x00\x00\x00;", "latin1"), /GIF/],
    ["a truncated PNG", fixture("logo.png").subarray(0, 400), /damaged/],
    ["an oversized file", Buffer.concat([fixture("logo.png"), Buffer.alloc(LOGO_MAX_BYTES)]), /512 KB/],
  ])("refuses %s as logo and stores nothing", async (_label, bytes, reason) => {
    const error = await errorOf(updateBrand(ADMIN, { logo: bytes }, meta()));
    expect(error.fieldErrors?.logo?.[0]).toMatch(reason);
    expect((await getBrand()).logo).toBeNull();
  });

  it("refuses bad addresses and e-mails by schema, naming the field", () => {
    const result = ZBrandFields.safeParse({
      privacyUrl: "javascript:alert(1)",
      termsUrl: "not a url",
      imprintUrl: "ftp://acme.example/imprint",
      supportEmail: "help at acme",
      primaryColor: "teal",
      name: "x".repeat(81),
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(new Set(["privacyUrl", "termsUrl", "imprintUrl", "supportEmail", "primaryColor", "name"]));
    // The console form: an unticked "Powered by" box hides the line; an empty file input is no logo.
    const form = ZBrandForm.parse({ name: "Acme", primaryColor: "#0F766E", logo: new File([], "") });
    expect(form).toMatchObject({ poweredBy: false, primaryColor: "#0f766e", logo: undefined, privacyUrl: "" });
  });
});

describe("serving the logo", () => {
  it("stores it under its hash in DATA_DIR/brand and serves it immutable, typed and nosniff", async () => {
    const bytes = fixture("logo-lossy.webp");
    const brand = await updateBrand(ADMIN, { logo: bytes }, meta());
    const logoPath = brandLogoPath(brand)!;
    expect(logoPath).toMatch(/^\/brand\/logo\/[0-9a-f]{64}\.webp$/);
    const file = logoPath.split("/").pop()!;
    expect(fs.readFileSync(path.join(env().dataDir, "brand", file))).toEqual(bytes);

    const response = await getLogo(new Request(`http://localhost${logoPath}`), {
      params: Promise.resolve({ file }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);

    for (const bad of ["../keydesk.secret", `${"0".repeat(64)}.png`, `${file}.svg`]) {
      const missing = await getLogo(new Request("http://localhost/brand/logo/x"), {
        params: Promise.resolve({ file: bad }),
      });
      expect(missing.status).toBe(404);
    }
  });

  it("answers /favicon.ico with the default icon, then with the logo", async () => {
    const before = await getFaviconRoute(new Request("http://localhost/favicon.ico"));
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toBe("image/x-icon");
    expect(Buffer.from(await before.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    await updateBrand(ADMIN, { logo: fixture("logo.png") }, meta());
    expect(await getFavicon()).toMatchObject({ type: "image/png" });
  });

  it("puts the name in titles and Open Graph tags, and the logo in icons and og:image", async () => {
    await updateBrand(ADMIN, { name: "Acme Software", logo: fixture("logo.png") }, meta());
    const metadata = await brandMetadataIn("de");
    expect(metadata.title).toEqual({ default: "Acme Software", template: "%s · Acme Software" });
    expect(JSON.stringify(metadata.openGraph)).toMatch(/"siteName":"Acme Software"/);
    expect(JSON.stringify(metadata.openGraph)).toMatch(/\/brand\/logo\/[0-9a-f]{64}\.png/);
    expect(JSON.stringify(metadata.icons)).toMatch(/\/brand\/logo\/[0-9a-f]{64}\.png/);
    // A page's own Open Graph tags: its title with the vendor's name, the description in its language.
    const page = await pageMetadataIn("de", "Ihre Bestellungen");
    expect(page.openGraph).toMatchObject({
      title: "Ihre Bestellungen · Acme Software",
      siteName: "Acme Software",
      locale: "de",
      description: "Finden Sie Ihre Bestellungen, Lizenzschlüssel und Downloads – und schreiben Sie unserem Support.",
    });
  });

  it("names an unnamed vendor's portal in the reader's language, and never renames a set name", async () => {
    expect((await brandMetadataIn("de")).title).toEqual({ default: "Kundensupport", template: "%s · Kundensupport" });
    expect((await pageMetadataIn("ja", "ご注文一覧")).openGraph).toMatchObject({
      title: "ご注文一覧 · カスタマーサポート",
      siteName: "カスタマーサポート",
    });
    await updateBrand(ADMIN, { name: "Customer Support" }, meta());
    expect((await brandMetadataIn("de")).applicationName).toBe("Customer Support");

    // An empty name (the console form's field left empty, or `brand:set --name ""`) goes back to the default.
    const { logo: _noLogo, ...form } = parseOrThrow(ZBrandForm, { name: "", primaryColor: "#0f766e" });
    await updateBrand(ADMIN, form, meta());
    expect(await getBrand()).toMatchObject({ named: false, primaryColor: "#0f766e" });
    expect((await brandMetadataIn("fr")).applicationName).toBe("Service client");
  });
});

describe("the in-process brand copy", () => {
  it("serves a read from memory for a few seconds and is dropped when this instance saves", async () => {
    expect((await getBrand()).name).toBe(DEFAULT_BRAND.name);
    // Another instance writes the row: this one keeps its copy (at most BRAND_CACHE_MS old).
    await db().setting.create({ data: { key: BRAND_SETTINGS_KEY, value: { name: "Elsewhere" } } });
    expect((await getBrand()).name).toBe(DEFAULT_BRAND.name);
    // Inside a transaction the row is read, not the copy.
    expect((await db().$transaction((tx) => getBrand(tx))).name).toBe("Elsewhere");
    // A save on this instance is visible at once.
    await updateBrand(ADMIN, { primaryColor: "#0f766e" }, meta());
    expect(await getBrand()).toMatchObject({ name: "Elsewhere", primaryColor: "#0f766e" });
  });
});
