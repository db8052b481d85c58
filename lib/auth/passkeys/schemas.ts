import { z } from "zod";

// The JSON a browser's WebAuthn call produces (`@simplewebauthn/browser`), checked field by field
// before the library decodes it. Every binary value is base64url text.
const ZBase64Url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/, "must be base64url");

// The extensions a browser may report (WebAuthn Level 3); Keydesk asks for none and reads none, so
// anything else a browser adds is dropped here rather than passed on unchecked.
const ZClientExtensionResults = z.object({
  appid: z.boolean().optional(),
  credProps: z.object({ rk: z.boolean().optional() }).optional(),
  hmacCreateSecret: z.boolean().optional(),
});
const ZAttachment = z.enum(["platform", "cross-platform"]).optional();
const ZTransport = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

export const ZRegistrationResponse = z.object({
  id: ZBase64Url.min(1),
  rawId: ZBase64Url.min(1),
  type: z.literal("public-key"),
  authenticatorAttachment: ZAttachment,
  clientExtensionResults: ZClientExtensionResults,
  response: z.object({
    clientDataJSON: ZBase64Url.min(1),
    attestationObject: ZBase64Url.min(1),
    authenticatorData: ZBase64Url.optional(),
    transports: z.array(ZTransport).max(8).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: ZBase64Url.optional(),
  }),
});

export const ZAuthenticationResponse = z.object({
  id: ZBase64Url.min(1),
  rawId: ZBase64Url.min(1),
  type: z.literal("public-key"),
  authenticatorAttachment: ZAttachment,
  clientExtensionResults: ZClientExtensionResults,
  response: z.object({
    clientDataJSON: ZBase64Url.min(1),
    authenticatorData: ZBase64Url.min(1),
    signature: ZBase64Url.min(1),
    userHandle: ZBase64Url.optional(),
  }),
});

const ZChallengeId = z.string().min(1).max(64);

/** Adding a passkey at /agent/security: its name and the browser's answer to the options. */
export const ZPasskeyRegistration = z.object({
  challengeId: ZChallengeId,
  name: z.string().trim().min(1, "Give the passkey a name").max(60, "At most 60 characters"),
  response: ZRegistrationResponse,
});
export type TPasskeyRegistrationInput = z.infer<typeof ZPasskeyRegistration>;

/** Signing with a passkey (second factor or passwordless sign-in): the browser's answer. */
export const ZPasskeyAssertion = z.object({ challengeId: ZChallengeId, response: ZAuthenticationResponse });
export type TPasskeyAssertionInput = z.infer<typeof ZPasskeyAssertion>;

/**
 * The same, as Auth.js hands it over from `signIn("agent-passkey", …)`: flat strings, the
 * browser's answer as JSON text.
 */
export const ZPasskeySignInCredentials = z.object({
  challengeId: ZChallengeId,
  response: z
    .string()
    .max(65_536)
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "Not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(ZAuthenticationResponse),
});

/** Removing one of one's passkeys. */
export const ZRemovePasskey = z.object({ passkeyId: z.string().min(1).max(64) });
export type TRemovePasskeyInput = z.infer<typeof ZRemovePasskey>;
