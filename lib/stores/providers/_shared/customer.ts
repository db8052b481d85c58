import "server-only";
import type { TStoreAddress, TStoreCustomer } from "@/lib/stores/types";

// Stores send addresses in their own shapes and often partly (a country alone for tax). Keydesk
// keeps an address only when it is a postal one: line, city, postcode and country.

type TLoose = string | null | undefined;

function clean(value: TLoose): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A postal address from loose fields, or undefined when line1, city, postcode or country is missing. */
export function addressOf(fields: {
  line1?: TLoose;
  line2?: TLoose;
  city?: TLoose;
  region?: TLoose;
  postalCode?: TLoose;
  country?: TLoose;
}): TStoreAddress | undefined {
  const line1 = clean(fields.line1);
  const city = clean(fields.city);
  const postalCode = clean(fields.postalCode);
  const country = clean(fields.country)?.toUpperCase();
  if (!line1 || !city || !postalCode || !country) return undefined;
  const line2 = clean(fields.line2);
  const region = clean(fields.region);
  return { line1, city, postalCode, country, ...(line2 ? { line2 } : {}), ...(region ? { region } : {}) };
}

/** A customer without the fields the provider left empty (no `email: ""` reaches the intake). */
export function customerOf(fields: {
  ref?: TLoose;
  email?: TLoose;
  name?: TLoose;
  phone?: TLoose;
  address?: TStoreAddress;
}): TStoreCustomer {
  const ref = clean(fields.ref);
  const email = clean(fields.email)?.toLowerCase();
  const name = clean(fields.name);
  const phone = clean(fields.phone);
  return {
    ...(ref ? { ref } : {}),
    ...(email ? { email } : {}),
    ...(name ? { name } : {}),
    ...(phone ? { phone } : {}),
    ...(fields.address ? { address: fields.address } : {}),
  };
}

/** The name from first and last name fields. */
export function fullName(first: TLoose, last: TLoose): string | undefined {
  return clean([clean(first), clean(last)].filter(Boolean).join(" "));
}
