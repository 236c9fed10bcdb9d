import { type ErrorCode, GatewayError } from "@gatehouse/protocol";

/** Where the failure happened and which secret must not appear in what we say about it. */
export interface SmtpErrorContext {
  host: string;
  port: number;
  /** The SMTP password, if any: scrubbed from the server's reply before it is quoted. */
  password?: string;
}

/** Nodemailer's error codes, grouped by what they mean for the caller. */
const CODE_OF: Record<string, ErrorCode> = {
  ECONNECTION: "upstream_unreachable",
  ESOCKET: "upstream_unreachable",
  EDNS: "upstream_unreachable",
  ETLS: "upstream_unreachable",
  EREQUIRETLS: "upstream_unreachable",
  EAUTH: "upstream_unreachable",
  ENOAUTH: "upstream_unreachable",
  ETIMEDOUT: "upstream_timeout",
};

const WHAT: Record<string, string> = {
  EAUTH: "rejected the credentials",
  ENOAUTH: "requires credentials that are not configured",
  ETIMEDOUT: "did not answer in time",
  ETLS: "failed the TLS handshake",
  EDNS: "could not be resolved",
  EPROTOCOL: "sent an invalid response",
  EENVELOPE: "refused the sender or recipient",
  EMESSAGE: "refused the message",
};

/**
 * Maps a nodemailer failure to a GatewayError: connection and authentication failures are
 * `upstream_unreachable` (mail cannot go out until an operator fixes the server or its credentials),
 * timeouts `upstream_timeout`, and a refused sender, recipient or message `upstream_error`. The message
 * names the server, nodemailer's code and the server's reply, but never the original error text or the
 * connection URL, and the password is scrubbed from the reply (as typed, URL-encoded and base64).
 * The original error is not kept as `cause`, so a serializer cannot leak it either.
 * @see https://nodemailer.com/errors/
 *
 * @example
 * toSmtpGatewayError(err, { host: "smtp.example.com", port: 587, password });
 * // GatewayError upstream_unreachable "SMTP server smtp.example.com:587 rejected the credentials (EAUTH): 535 ..."
 */
export function toSmtpGatewayError(err: unknown, ctx: SmtpErrorContext): GatewayError {
  const fields = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  const code = typeof fields.code === "string" ? fields.code : "UNKNOWN";
  const what = WHAT[code] ?? (CODE_OF[code] ? "could not be reached" : "failed");
  const reply = typeof fields.response === "string" ? `: ${scrub(fields.response, ctx.password)}` : "";
  const message = `SMTP server ${ctx.host}:${ctx.port} ${what} (${code})${reply}`;
  return new GatewayError(CODE_OF[code] ?? "upstream_error", message, {
    provider: "smtp",
    upstreamType: code,
  });
}

function scrub(reply: string, password: string | undefined): string {
  const forms = password
    ? [password, encodeURIComponent(password), Buffer.from(password).toString("base64")]
    : [];
  const scrubbed = forms.reduce((text, form) => text.split(form).join("[redacted]"), reply);
  // Cut after scrubbing, so a password at the cut cannot survive in part.
  return scrubbed.replace(/\s+/g, " ").trim().slice(0, 200);
}
