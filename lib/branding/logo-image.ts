import { crc32 } from "node:zlib";

// Checks an uploaded logo by its bytes, never by its name or the type the browser claims: PNG
// (signature, IHDR with a valid CRC, IEND at the end) or WebP (RIFF size matching the file, a VP8,
// VP8L or VP8X header). Everything else — SVG above all, which can carry script — is refused.

/** The largest logo accepted. */
export const LOGO_MAX_BYTES = 512 * 1024;
/** Each side of the logo in pixels. */
export const LOGO_MIN_SIDE = 16;
export const LOGO_MAX_SIDE = 4096;

export interface TLogoImage {
  type: "image/png" | "image/webp";
  width: number;
  height: number;
}

/** Why a logo file was refused (a sentence for the form or the CLI). */
export class LogoRejected extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** The logo's type and size in pixels; throws `LogoRejected` naming what is wrong. */
export function inspectLogo(bytes: Uint8Array): TLogoImage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) throw new LogoRejected("The logo file is empty.");
  if (buf.length > LOGO_MAX_BYTES)
    throw new LogoRejected(`The logo is ${Math.ceil(buf.length / 1024)} KB; the limit is ${LOGO_MAX_BYTES / 1024} KB.`);
  const image = buf.subarray(0, 8).equals(PNG_SIGNATURE)
    ? inspectPng(buf)
    : buf.toString("latin1", 0, 4) === "RIFF" && buf.toString("latin1", 8, 12) === "WEBP"
      ? inspectWebp(buf)
      : refuseOther(buf);
  for (const side of [image.width, image.height]) {
    if (side < LOGO_MIN_SIDE || side > LOGO_MAX_SIDE)
      throw new LogoRejected(
        `The logo is ${image.width}×${image.height} pixels; each side must be ${LOGO_MIN_SIDE}–${LOGO_MAX_SIDE}.`,
      );
  }
  return image;
}

function inspectPng(buf: Buffer): TLogoImage {
  const corrupt = new LogoRejected("The PNG file is damaged or incomplete.");
  if (buf.length < 8 + 25 + 12) throw corrupt;
  if (buf.readUInt32BE(8) !== 13 || buf.toString("latin1", 12, 16) !== "IHDR") throw corrupt;
  if (crc32(buf.subarray(12, 29)) !== buf.readUInt32BE(29)) throw corrupt;
  if (!buf.subarray(buf.length - 12).equals(PNG_IEND)) throw corrupt;
  return { type: "image/png", width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function inspectWebp(buf: Buffer): TLogoImage {
  const corrupt = new LogoRejected("The WebP file is damaged or incomplete.");
  if (buf.length < 30) throw corrupt;
  const riffSize = buf.readUInt32LE(4);
  if (riffSize + 8 !== buf.length && riffSize + 9 !== buf.length) throw corrupt;
  const chunk = buf.toString("latin1", 12, 16);
  if (chunk === "VP8 ") {
    if (buf[23] !== 0x9d || buf[24] !== 0x01 || buf[25] !== 0x2a) throw corrupt;
    return { type: "image/webp", width: buf.readUInt16LE(26) & 0x3fff, height: buf.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    if (buf[20] !== 0x2f) throw corrupt;
    const bits = buf.readUInt32LE(21);
    return { type: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    if ((buf[20]! & 0x02) !== 0) throw new LogoRejected("Animated WebP logos are not accepted; use a still image.");
    return { type: "image/webp", width: buf.readUIntLE(24, 3) + 1, height: buf.readUIntLE(27, 3) + 1 };
  }
  throw corrupt;
}

function refuseOther(buf: Buffer): never {
  const head = buf.toString("latin1", 0, Math.min(buf.length, 512)).trimStart().toLowerCase();
  if (head.startsWith("<") || head.includes("<svg"))
    throw new LogoRejected("SVG logos are not accepted (they can carry script); upload a PNG or WebP.");
  if (head.startsWith("gif8")) throw new LogoRejected("GIF logos are not accepted; upload a PNG or WebP.");
  if (buf[0] === 0xff && buf[1] === 0xd8) throw new LogoRejected("JPEG logos are not accepted; upload a PNG or WebP.");
  throw new LogoRejected("The logo must be a PNG or WebP image.");
}
