/**
 * Every encryption context in one typed registry. A context names the column a ciphertext belongs
 * to ("<table>.<field>") and is authenticated as additional data, so a value copied into another
 * column fails to decrypt instead of being shown in the wrong place. `encrypt`/`decrypt` accept
 * only these names: a typo is a type error, not a row that can never be read again.
 *
 * The strings are stored implicitly in every ciphertext's tag: never change one (add a new name
 * and re-encrypt instead).
 */
export const ENC = {
  agentEmail: "agent.email",
  agentSearch: "agent.search_query",
  agentTotpEnrolment: "agent.totp_enrolment",
  agentTotpSecret: "agent.totp_secret",
  attachmentFileName: "attachment.file_name",
  auditIp: "audit.ip",
  auditVerificationNote: "audit.verification_note",
  customerAddress: "customer.address",
  customerEmail: "customer.email",
  customerName: "customer.name",
  customerPhone: "customer.phone",
  licenseKeyValue: "license_key.value",
  orderBillingAddress: "order.billing_address",
  orderBillingName: "order.billing_name",
  orderBillingPhone: "order.billing_phone",
  orderEmail: "order.email",
  outboxMail: "outbox.payload",
  outboxRefundGateway: "outbox.refund_gateway",
  outboxTask: "outbox.task",
  refundDecisionNote: "refund_request.decision_note",
  refundNote: "refund_request.note",
  sessionIp: "session.ip",
  storeApiKey: "store.api_key",
  storeCustomerDetails: "store_customer.details",
  storeEventPayload: "store_event.payload",
  /** Both the current and the previous secret column: rotation moves the ciphertext as it is. */
  storeSecret: "store.secret",
  refundWebhookSecret: "setting.refunds.webhook_secret",
  ticketBody: "ticket_message.body",
  ticketEmail: "ticket.email",
  ticketName: "ticket.name",
  ticketSubject: "ticket.subject",
  verificationTokenPayload: "verification_token.payload",
} as const;

/** One of the registered encryption contexts. */
export type TEncryptionContext = (typeof ENC)[keyof typeof ENC];
