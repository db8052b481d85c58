/** The kinds of files a ticket accepts, as people know them (for hints and error messages). */
export const ALLOWED_TYPE_NAMES = ["PNG", "JPEG", "GIF", "WebP", "PDF", "ZIP", "plain text and logs"] as const;

/** "PNG, JPEG, …, ZIP or plain text and logs". */
export function formatAllowedTypes(): string {
  return `${ALLOWED_TYPE_NAMES.slice(0, -1).join(", ")} or ${ALLOWED_TYPE_NAMES[ALLOWED_TYPE_NAMES.length - 1]}`;
}

/** The `accept` attribute of the file input (a hint for the picker only; the server checks content). */
export const ACCEPT_ATTRIBUTE =
  ".png,.jpg,.jpeg,.gif,.webp,.pdf,.zip,.txt,.log,.csv,.json,.xml,text/plain,image/png,image/jpeg,image/gif,image/webp,application/pdf,application/zip";
