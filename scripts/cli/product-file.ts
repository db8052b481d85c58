import path from "node:path";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { addProductFile } from "@/lib/products/add-product-file";

const USAGE = "Usage: npm run keydesk -- product:file --sku S --file PATH [--version V]";

/** product:file — registers a downloadable file for a product (re-running with the same file is a no-op). */
export async function run(args: string[]): Promise<void> {
  let values: { sku?: string; file?: string; version?: string };
  try {
    values = parseArgs({
      args,
      options: { sku: { type: "string" }, file: { type: "string" }, version: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (!values.sku || !values.file) throw new AppError("invalid_input", USAGE);
  const file = await addProductFile({ sku: values.sku, filePath: path.resolve(values.file), version: values.version });
  const verb = file.result === "created" ? "Added" : "Already registered:";
  console.log(`${verb} ${file.fileName} ${file.version} for ${file.sku} (${file.size} bytes, sha256 ${file.sha256})`);
}
