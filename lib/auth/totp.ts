import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

// TOTP as RFC 6238 and every authenticator app expect it: SHA-1, 6 digits, 30-second steps.

/** The name authenticator apps show above the code. */
export const TOTP_ISSUER = "Keydesk";

/** A code from the step before or after the current one is accepted (clock drift), nothing further. */
const DRIFT_SECONDS = 30;

/** A new random secret (160 bits), base32-encoded as authenticator apps take it. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, label: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label, secret });
}

/** The QR code of `uri` as an SVG document, drawn here (no remote service sees the secret). */
export function qrCodeSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/**
 * The time step a 6-digit `code` belongs to when it is valid for `secret` now (± one step), and
 * only if that step is later than `afterStep` (the last one accepted: a code is single-use);
 * otherwise null.
 */
export async function acceptedTotpStep(
  secret: string,
  code: string,
  afterStep: number | null,
  now = Date.now(),
): Promise<number | null> {
  const token = code.replace(/\s/g, ""); // typed as the app shows it: "123 456"
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now / 1000),
    epochTolerance: DRIFT_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // otplib types the answer for TOTP and HOTP alike; only the TOTP one carries `timeStep`.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
