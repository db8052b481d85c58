import { z } from "zod";

/**
 * A field that a form may send several times (checkboxes with one name): FormData gives a string
 * when one box is ticked and an array when several are, none when none is.
 */
export function zFormList<TItem extends z.ZodType>(item: TItem) {
  return z.preprocess(
    (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(item),
  );
}

/** A checkbox: present ("on", or the value it carries) when ticked, absent otherwise. */
export const zCheckbox = z.preprocess((value) => value !== undefined && value !== "", z.boolean());

/** FormData as a plain object for a schema: a name sent once → its value, several times → an array. */
export function formDataObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    // React adds "$ACTION_…" fields of its own; they are not input.
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key);
    out[key] = all.length === 1 ? (all[0] as FormDataEntryValue) : all;
  }
  return out;
}
