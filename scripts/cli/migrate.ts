import { prepareDatabase } from "@/lib/system/prepare-database";

/** Applies pending migrations (npm start does this on its own; useful before a rolling deploy). */
export async function run(): Promise<void> {
  const applied = await prepareDatabase();
  console.log(applied.length ? `Applied ${applied.join(", ")}` : "Database is up to date");
}
