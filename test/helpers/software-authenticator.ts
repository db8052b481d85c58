// A software WebAuthn authenticator for integration tests: a P-256 key from node:crypto, and the
// exact bytes a browser and an authenticator produce — clientDataJSON, authenticatorData, a
// "none" attestation object (CBOR) and ES256 signatures — so the server's real checks run on them.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

/** Minimal CBOR (RFC 8949) encoder for the types attestation objects and COSE keys use. */
type TCbor = number | string | Uint8Array | TCbor[] | Map<TCbor, TCbor> | { [key: string]: TCbor };

function head(major: number, value: number): Buffer {
  if (value < 24) return Buffer.from([(major << 5) | value]);
  if (value < 0x100) return Buffer.from([(major << 5) | 24, value]);
  if (value < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(value, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

export function encodeCbor(value: TCbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(encodeCbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [encodeCbor(k), encodeCbor(v)])]);
}

const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string): Buffer => createHash("sha256").update(data).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface TCeremonyOptions {
  origin?: string;
  rpId?: string;
  /** Report user verification (a PIN or biometric); true by default. */
  userVerified?: boolean;
  /** The signature counter to report; by default one more than the last. */
  counter?: number;
}

/** One credential on a software authenticator (resident, with a user handle once registered). */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  private counter = 0;
  userHandle: string | null = null;

  constructor(private readonly defaults: { origin: string; rpId: string }) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    if (!jwk.x || !jwk.y) throw new Error("no EC point");
    this.publicJwk = { x: jwk.x, y: jwk.y };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private flags(options: TCeremonyOptions): number {
    return FLAG_UP | (options.userVerified === false ? 0 : FLAG_UV);
  }

  /** What `navigator.credentials.create()` answers (as @simplewebauthn/browser's JSON) to `options`. */
  register(options: { challenge: string; user: { id: string } }, ceremony: TCeremonyOptions = {}) {
    const origin = ceremony.origin ?? this.defaults.origin;
    const rpId = ceremony.rpId ?? this.defaults.rpId;
    this.userHandle = options.user.id;
    const cose = new Map<TCbor, TCbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(this.publicJwk.x, "base64url")],
      [-3, Buffer.from(this.publicJwk.y, "base64url")],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, encodeCbor(cose)]);
    const authData = this.authData(rpId, this.flags(ceremony) | FLAG_AT, this.counter, attested);
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(encodeCbor({ fmt: "none", attStmt: {}, authData })),
        transports: ["internal" as const],
      },
    };
  }

  /** What `navigator.credentials.get()` answers to `options` (an ES256 signature over authData ‖ hash). */
  authenticate(options: { challenge: string }, ceremony: TCeremonyOptions = {}) {
    const origin = ceremony.origin ?? this.defaults.origin;
    const rpId = ceremony.rpId ?? this.defaults.rpId;
    this.counter = ceremony.counter ?? this.counter + 1;
    const authData = this.authData(rpId, this.flags(ceremony), this.counter);
    const clientDataJSON = JSON.stringify({
      type: "webauthn.get",
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      authenticatorAttachment: "platform" as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
    };
  }
}
