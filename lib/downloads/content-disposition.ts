import "server-only";

// RFC 5987 attr-char: everything else in a filename* value is percent-encoded.
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): a plain ASCII `filename` that no
 * browser can misread (quotes, backslashes, control and non-ASCII characters replaced) and the
 * exact name as UTF-8 in `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.normalize("NFC").replace(/[\\/]/g, "_") || "download";
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeAttrValue(name)}`;
}

function encodeAttrValue(value: string): string {
  let out = "";
  for (const char of value) {
    if (ATTR_CHAR.test(char)) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
