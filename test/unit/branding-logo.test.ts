// Logo uploads are recognised by their bytes: real PNG and WebP files (made by Chromium's encoder)
// pass with their dimensions; SVG, GIF, JPEG, damaged, oversized and out-of-range files are refused.
import fs from "node:fs";
import path from "node:path";
import { deflateSync, crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { inspectLogo, LOGO_MAX_BYTES, LogoRejected } from "@/lib/branding/logo-image";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/brand", name));

/** The same image in WebP's simple format: RIFF header + the one VP8/VP8L chunk (Chromium writes VP8X). */
function simpleWebp(file: Buffer, fourcc: "VP8 " | "VP8L"): Buffer {
  for (let i = 12; i < file.length;) {
    const size = file.readUInt32LE(i + 4);
    if (file.toString("latin1", i, i + 4) === fourcc) {
      const chunk = file.subarray(i, i + 8 + size + (size & 1));
      const header = Buffer.alloc(12);
      header.write("RIFF", 0, "latin1");
      header.writeUInt32LE(4 + chunk.length, 4);
      header.write("WEBP", 8, "latin1");
      return Buffer.concat([header, chunk]);
    }
    i += 8 + size + (size & 1);
  }
  throw new Error(`no ${fourcc} chunk`);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid grey PNG of the given size (with `padding` bytes of a private chunk to make it big). */
function makePng(width: number, height: number, padding = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    ...(padding ? [pngChunk("prVt", Buffer.alloc(padding))] : []),
    pngChunk("IDAT", deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function refusal(bytes: Uint8Array): string {
  try {
    inspectLogo(bytes);
  } catch (error) {
    if (error instanceof LogoRejected) return error.message;
    throw error;
  }
  throw new Error("accepted");
}

describe("inspectLogo", () => {
  it("reads PNG and every WebP header kind with their dimensions", () => {
    expect(inspectLogo(fixture("logo.png"))).toEqual({ type: "image/png", width: 160, height: 40 });
    expect(inspectLogo(fixture("logo-lossy.webp"))).toEqual({ type: "image/webp", width: 160, height: 40 });
    expect(inspectLogo(simpleWebp(fixture("logo-lossy.webp"), "VP8 "))).toEqual({
      type: "image/webp",
      width: 160,
      height: 40,
    });
    expect(inspectLogo(simpleWebp(fixture("logo-lossless.webp"), "VP8L"))).toEqual({
      type: "image/webp",
      width: 160,
      height: 40,
    });
    expect(inspectLogo(makePng(300, 17))).toEqual({ type: "image/png", width: 300, height: 17 });
  });

  it("refuses SVG, also when it is named or sent as a PNG", () => {
    expect(refusal(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toMatch(
      /SVG logos are not accepted/,
    );
    expect(refusal(Buffer.from('<?xml version="1.0"?>\n<svg/>'))).toMatch(/SVG/);
  });

  it("refuses GIF and JPEG", () => {
    expect(refusal(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"))).toMatch(/GIF logos/);
    expect(refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))).toMatch(/JPEG logos/);
  });

  it("refuses damaged files: truncated PNG, a bad header checksum, a WebP whose size lies", () => {
    const png = fixture("logo.png");
    expect(refusal(png.subarray(0, png.length - 100))).toMatch(/PNG file is damaged/);
    const badCrc = Buffer.from(png);
    badCrc[17] = badCrc[17]! ^ 0xff; // width changed, CRC not
    expect(refusal(badCrc)).toMatch(/PNG file is damaged/);
    const webp = fixture("logo-lossy.webp");
    expect(refusal(webp.subarray(0, webp.length - 10))).toMatch(/WebP file is damaged/);
    expect(refusal(Buffer.from("RIFF\x04\x00\x00\x00WEBP", "latin1"))).toMatch(/WebP file is damaged/);
  });

  it("refuses files over the size limit and images outside 16–4096 pixels", () => {
    const big = makePng(64, 64, LOGO_MAX_BYTES);
    expect(refusal(big)).toMatch(/the limit is 512 KB/);
    expect(refusal(makePng(8, 40))).toMatch(/8×40 pixels; each side must be 16–4096/);
    expect(refusal(makePng(5000, 16))).toMatch(/each side must be/);
    expect(refusal(Buffer.alloc(0))).toMatch(/empty/);
  });
});
