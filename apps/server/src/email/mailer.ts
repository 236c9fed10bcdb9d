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
  /** Where mail goes, without the password (the operator's Settings → Email page); absent on fakes. */
  describe?(): MailerSummary | undefined;
  /** Whether mail can be sent now (a runtime mailer may have no server configured); true when absent. */
  available?(): boolean;
  /** Releases connections; sending after close is not supported. */
  close(): Promise<void>;
}

/** A mail server's settings as an operator may see them: never the password. */
export interface MailerSummary {
  host: string;
  port: number;
  /** TLS from the start (smtps://). */
  secure: boolean;
  username: string | null;
  hasPassword: boolean;
  from: string;
}

/**
 * Whether email can be sent: a mailer is there and has a server to send through.
 *
 * @example
 * if (!mailerReady(deps.mailer)) throw new GatewayError("service_unavailable", "Email is not configured.");
 */
export function mailerReady(mailer: Mailer | undefined): mailer is Mailer {
  return mailer !== undefined && (mailer.available?.() ?? true);
}
