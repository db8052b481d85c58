import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { emailIndex, licenseKeyIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";

describe("encryption at rest", () => {
  it("round-trips and refuses a ciphertext moved to another column", async () => {
    const sealed = encrypt("ada@example.com", ENC.customerEmail);
    expect(decrypt(sealed, ENC.customerEmail)).toBe("ada@example.com");
    expect(() => decrypt(sealed, ENC.customerName)).toThrow();
    await db().customer.create({
      data: { id: newId(), emailHash: emailIndex("Ada@Example.com "), emailEnc: sealed },
    });
    const found = await db().customer.findUnique({ where: { emailHash: emailIndex("ada@example.com") } });
    expect(found && decrypt(found.emailEnc, ENC.customerEmail)).toBe("ada@example.com");
    expect(licenseKeyIndex("12345-12345-12345-12345")).toBe(licenseKeyIndex(" 12345-12345-12345-12345"));
  });
});
