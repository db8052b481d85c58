import "server-only";

// Encryption contexts of the ticket columns this domain reads or rewrites (e-mail change, export,
// erasure). They follow the "<table>.<field>" convention; the tickets domain must use the same.
export const TICKET_CONTEXTS = {
  email: "ticket.email",
  name: "ticket.name",
  subject: "ticket.subject",
  body: "ticket_message.body",
  attachmentName: "attachment.file_name",
} as const;
