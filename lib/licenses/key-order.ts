/**
 * The order an item's licence keys are listed, mailed and exported in: as the store delivered them.
 * `createdAt` cannot be used — keys of one delivery share it — and the id breaks ties among keys
 * stored before positions existed, so the order is at least stable.
 */
export const LICENSE_KEY_ORDER = [{ position: "asc" }, { id: "asc" }] as const satisfies readonly [
  { position: "asc" },
  { id: "asc" },
];
