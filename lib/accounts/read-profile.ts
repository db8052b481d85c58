import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decryptOptional } from "@/lib/crypto/encryption";
import { ZStoredCustomerAddress, type TPostalAddress } from "@/lib/accounts/schemas";
import { toCountryCode } from "@/lib/accounts/countries";

/** The decrypted profile fields of a customer row. */
export function readProfile(row: { nameEnc: string | null; phoneEnc: string | null; addressEnc: string | null }) {
  const addressJson = decryptOptional(row.addressEnc, ENC.customerAddress);
  let address: TPostalAddress | null = null;
  if (addressJson) {
    const raw = ZStoredCustomerAddress.parse(JSON.parse(addressJson));
    address = {
      line1: raw.line1 ?? "",
      line2: raw.line2 ?? null,
      city: raw.city ?? "",
      region: raw.region ?? null,
      postalCode: raw.postalCode ?? "",
      // Stores may have sent a country name; the form works with codes.
      country: toCountryCode(raw.country) ?? raw.country ?? "",
    };
  }
  return {
    name: decryptOptional(row.nameEnc, ENC.customerName),
    phone: decryptOptional(row.phoneEnc, ENC.customerPhone),
    address,
  };
}
