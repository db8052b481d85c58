import "server-only";
import { getBrand, brandLogoPath } from "@/lib/branding/brand";
import { readLogoFile } from "@/lib/branding/logo-store";
import { DEFAULT_FAVICON_ICO } from "@/lib/branding/default-favicon";

/** What `/favicon.ico` answers: the vendor's logo when one is set, else the default icon. */
export async function getFavicon(): Promise<{ bytes: Uint8Array; type: string }> {
  const brand = await getBrand();
  const logoPath = brandLogoPath(brand);
  const logo = logoPath ? readLogoFile(logoPath.slice(logoPath.lastIndexOf("/") + 1)) : null;
  if (logo) return { bytes: logo.bytes, type: logo.type };
  return { bytes: Buffer.from(DEFAULT_FAVICON_ICO, "base64"), type: "image/x-icon" };
}
