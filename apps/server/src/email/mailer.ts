/** One email as the account flows hand it to a {@link Mailer}: already rendered, one recipient. */
export interface OutgoingEmail {
  /** The recipient's address, e.g. "ana@example.com". */
  to: string;
  subject: string;
  /** The plain-text alternative; mail clients that do not render HTML show this. */
  text: string;
  /** The HTML body; every interpolated value must already be escaped (see renderEmail). */
  html: string;
}

/**
 * Sends account email (password reset, email verification, invitations). The seam lets the server run
 * with SMTP in production and a test sink or in-memory fake elsewhere; implementations fail with a
 * `GatewayError` and never put credentials in its message.
 */
export interface Mailer {
  /** Hands the message to the mail server; resolves once the server has accepted it. */
  send(message: OutgoingEmail): Promise<void>;
  /** Releases connections; sending after close is not supported. */
  close(): Promise<void>;
}
