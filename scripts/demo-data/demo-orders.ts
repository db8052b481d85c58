// Demo orders for `npm run demo`: four resellers, four products, a dozen buyers (example.com/.net/.org
// addresses only), an accidental duplicate order, a refunded and a partially refunded order.
// Keys and dates are derived deterministically, so loading the demo twice changes nothing.
import { createHash } from "node:crypto";
import type { TOrderPayloadInput } from "@/lib/orders/schemas";

type TBuyer = TOrderPayloadInput["customer"];

const PRODUCTS = {
  pixel: { sku: "PIXF-STUDIO", name: "PixelForge Studio", unitAmount: 4900 },
  backup: { sku: "BKH-PRO", name: "Backup Hero Pro", unitAmount: 2995 },
  clip: { sku: "CLIP-MINI", name: "ClipSync Mini", unitAmount: 999 },
  fonts: { sku: "FONT-ALL", name: "FontFoundry Complete", unitAmount: 8900 },
} as const;

export const DEMO_INSTALLER_SKU = PRODUCTS.pixel.sku;

const BUYERS = {
  mara: {
    email: "mara.okafor@example.com",
    name: "Mara Okafor",
    phone: "+1 503 555 0142",
    address: {
      line1: "88 Harbor Street",
      line2: "Apt 4B",
      city: "Portland",
      region: "OR",
      postalCode: "97201",
      country: "US",
    },
    newsletter: true,
  },
  jonas: {
    email: "jonas.weber@example.net",
    name: "Jonas Weber",
    address: { line1: "Lindenstraße 5", city: "Berlin", postalCode: "10969", country: "DE" },
  },
  ines: {
    email: "ines.duarte@example.org",
    name: "Inês Duarte",
    phone: "+351 21 555 0198",
    address: { line1: "Rua das Flores 27", city: "Lisboa", postalCode: "1200-195", country: "PT" },
  },
  oliver: {
    email: "oliver.price@example.com",
    name: "Oliver Price",
    address: { line1: "3 Mill Lane", city: "Leeds", region: "West Yorkshire", postalCode: "LS1 4AB", country: "GB" },
    newsletter: false,
  },
  sofia: {
    email: "sofia.marchetti@example.net",
    name: "Sofia Marchetti",
    address: { line1: "Via dell'Indipendenza 12", city: "Bologna", region: "BO", postalCode: "40121", country: "IT" },
  },
  kenji: { email: "kenji.watanabe@example.org", name: "Kenji Watanabe", phone: "+81 6 5555 0123" },
  amelia: {
    email: "amelia.novak@example.com",
    name: "Amelia Novák",
    address: { line1: "Masarykova 31", city: "Brno", postalCode: "602 00", country: "CZ" },
  },
  lucas: {
    email: "lucas.moreau@example.net",
    name: "Lucas Moreau",
    address: { line1: "14 rue de la République", city: "Lyon", postalCode: "69002", country: "FR" },
  },
  priya: {
    email: "priya.raman@example.org",
    name: "Priya Raman",
    phone: "+91 80 5555 0110",
    address: { line1: "22 Residency Road", city: "Bengaluru", region: "KA", postalCode: "560025", country: "IN" },
    newsletter: true,
  },
  erik: {
    email: "erik.lindqvist@example.org",
    name: "Erik Lindqvist",
    address: { line1: "Dragarbrunnsgatan 40", city: "Uppsala", postalCode: "753 20", country: "SE" },
  },
  hannah: {
    email: "hannah.cohen@example.com",
    name: "Hannah Cohen",
    address: { line1: "901 Congress Avenue", city: "Austin", region: "TX", postalCode: "78701", country: "US" },
  },
  mateo: {
    email: "mateo.fernandez@example.net",
    name: "Mateo Fernández",
    address: { line1: "Carrer de Colón 8", city: "València", postalCode: "46004", country: "ES" },
  },
} satisfies Record<string, TBuyer>;

/** Buyers worth signing in as, with what their orders show. */
export const DEMO_BUYERS_TO_TRY = [
  { email: BUYERS.mara.email, why: "bought PixelForge Studio twice by mistake (duplicate order)" },
  { email: BUYERS.erik.email, why: "partially refunded order (one item revoked, one still working)" },
  { email: BUYERS.lucas.email, why: "fully refunded order (keys revoked)" },
];

/** A key like 12345-12345-12345-12345 whose digits are fixed by the seed. */
function demoKey(seed: string): string {
  const digits = [...createHash("sha256").update(`keydesk-demo:${seed}`).digest()].map((b) => String(b % 10)).join("");
  return [0, 5, 10, 15].map((i) => digits.slice(i, i + 5)).join("-");
}

interface TSpec {
  source: string;
  externalId: string;
  number: string;
  minutesAgo: number;
  currency: string;
  buyer: TBuyer;
  status?: TOrderPayloadInput["status"];
  items: { product: keyof typeof PRODUCTS; quantity?: number; refunded?: boolean; unitAmount?: number }[];
}

const DAY = 24 * 60;

const SPECS: TSpec[] = [
  {
    source: "digitalriver",
    externalId: "DR-100234",
    number: "100234",
    minutesAgo: 41 * DAY,
    currency: "EUR",
    buyer: BUYERS.jonas,
    items: [{ product: "pixel" }],
  },
  {
    source: "digitalriver",
    externalId: "DR-100871",
    number: "100871",
    minutesAgo: 20 * DAY + 95,
    currency: "EUR",
    buyer: BUYERS.sofia,
    items: [{ product: "fonts" }, { product: "clip" }],
  },
  {
    source: "digitalriver",
    externalId: "DR-101102",
    number: "101102",
    minutesAgo: 6 * DAY + 410,
    currency: "EUR",
    buyer: BUYERS.amelia,
    items: [{ product: "backup", quantity: 3 }],
  },
  {
    source: "fastspring",
    externalId: "FS-PXF-3001",
    number: "PXF-3001",
    minutesAgo: 3 * DAY + 64,
    currency: "USD",
    buyer: BUYERS.mara,
    items: [{ product: "pixel", unitAmount: 5900 }],
  },
  {
    source: "fastspring",
    externalId: "FS-PXF-3002",
    number: "PXF-3002",
    minutesAgo: 3 * DAY + 60,
    currency: "USD",
    buyer: BUYERS.mara,
    items: [{ product: "pixel", unitAmount: 5900 }],
  },
  {
    source: "fastspring",
    externalId: "FS-PXF-2874",
    number: "PXF-2874",
    minutesAgo: 12 * DAY + 300,
    currency: "USD",
    buyer: BUYERS.hannah,
    items: [
      { product: "pixel", unitAmount: 5900 },
      { product: "backup", unitAmount: 3495 },
    ],
  },
  {
    source: "fastspring",
    externalId: "FS-BKH-1190",
    number: "BKH-1190",
    minutesAgo: 58 * DAY,
    currency: "USD",
    buyer: BUYERS.priya,
    items: [{ product: "backup", unitAmount: 3495 }],
  },
  {
    source: "paddle",
    externalId: "txn_01hdemo7q3kx",
    number: "PAD-50217",
    minutesAgo: 9 * DAY + 200,
    currency: "EUR",
    buyer: BUYERS.lucas,
    status: "refunded",
    items: [{ product: "fonts" }],
  },
  {
    source: "paddle",
    externalId: "txn_01hdemo9m2va",
    number: "PAD-50388",
    minutesAgo: 2 * DAY + 15,
    currency: "GBP",
    buyer: BUYERS.oliver,
    items: [{ product: "clip", quantity: 2, unitAmount: 899 }],
  },
  {
    source: "paddle",
    externalId: "txn_01hdemoa4p1c",
    number: "PAD-50402",
    minutesAgo: 1 * DAY + 500,
    currency: "EUR",
    buyer: BUYERS.mateo,
    items: [{ product: "pixel" }, { product: "fonts" }],
  },
  {
    source: "shareit",
    externalId: "SI-778812",
    number: "778812",
    minutesAgo: 15 * DAY + 700,
    currency: "EUR",
    buyer: BUYERS.erik,
    status: "partially_refunded",
    items: [{ product: "pixel" }, { product: "backup", refunded: true }],
  },
  {
    source: "shareit",
    externalId: "SI-779040",
    number: "779040",
    minutesAgo: 33 * DAY + 20,
    currency: "EUR",
    buyer: BUYERS.ines,
    items: [{ product: "backup" }],
  },
  {
    source: "shareit",
    externalId: "SI-781155",
    number: "781155",
    minutesAgo: 4 * DAY + 880,
    currency: "JPY",
    buyer: BUYERS.kenji,
    items: [{ product: "clip", unitAmount: 1500 }],
  },
  {
    source: "shareit",
    externalId: "SI-781620",
    number: "781620",
    minutesAgo: 180,
    currency: "EUR",
    buyer: BUYERS.ines,
    items: [{ product: "clip" }],
  },
];

/** The demo orders, dated relative to `anchor` (the moment the demo was first loaded). */
export function demoOrders(anchor: Date): TOrderPayloadInput[] {
  return SPECS.map((spec) => ({
    source: spec.source,
    externalId: spec.externalId,
    number: spec.number,
    placedAt: new Date(anchor.getTime() - spec.minutesAgo * 60_000).toISOString(),
    status: spec.status ?? "paid",
    currency: spec.currency,
    customer: spec.buyer,
    items: spec.items.map((item, position) => {
      const product = PRODUCTS[item.product];
      const quantity = item.quantity ?? 1;
      return {
        sku: product.sku,
        name: product.name,
        quantity,
        unitAmount: item.unitAmount ?? product.unitAmount,
        licenseKeys: Array.from({ length: quantity }, (_, k) =>
          demoKey(`${spec.source}/${spec.externalId}/${position}/${k}`),
        ),
        ...(item.refunded ? { status: "refunded" as const } : {}),
      };
    }),
  }));
}
