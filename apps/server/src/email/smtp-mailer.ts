import { createTransport } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { ConfigError } from "../config/config.js";
import type { Mailer, OutgoingEmail } from "./mailer.js";
import { toSmtpGatewayError } from "./smtp-gateway-error.js";

/** Options of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS from the start). */
  url: string;
  /** The sender, e.g. `"Gatehouse <no-reply@example.com>"`. */
  from: string;
  /** Bound on connecting, on the server's greeting and on socket inactivity. Default 10 000 ms. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A Mailer over SMTP with nodemailer: one connection per message (no pool), so an idle server holds
 * no sockets and a restarted mail server needs no reconnect logic. Query parameters of the URL are
 * nodemailer's own transport options (`?requireTLS=true`, `?ignoreTLS=true`,
 * `?tls.rejectUnauthorized=false`, `?connectionTimeout=5000`...) and override the defaults here.
 * Failures are GatewayErrors whose message never holds the password (see toSmtpGatewayError).
 * @see https://nodemailer.com/smtp/
 *
 * @example
 * const mailer = createSmtpMailer({ url: "smtp://app:secret@mail.example.com:587", from: "no-reply@example.com" });
 * await mailer.send({ to: "ana@example.com", ...renderEmail("verify_email", vars) });
 * await mailer.close();
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transportOptions = smtpTransportOptions(options);
  const transport = createTransport(transportOptions);
  const { auth } = transportOptions;
  const context = {
    host: transportOptions.host ?? "",
    port: transportOptions.port ?? (transportOptions.secure ? 465 : 587),
    password: auth && "pass" in auth ? auth.pass : undefined,
  };
  return {
    async send(message: OutgoingEmail): Promise<void> {
      let info: SMTPTransport.SentMessageInfo;
      try {
        info = await transport.sendMail({ from: options.from, ...pick(message) });
      } catch (err) {
        throw toSmtpGatewayError(err, context);
      }
      // With one recipient a refusal normally fails the whole send (EENVELOPE); this covers the rest.
      if (info.rejected.length > 0) {
        throw toSmtpGatewayError({ code: "EENVELOPE", response: info.response }, context);
      }
    },
    describe() {
      const user = auth && "user" in auth && typeof auth.user === "string" ? auth.user : null;
      return {
        host: context.host,
        port: context.port,
        secure: transportOptions.secure === true,
        username: user === "" ? null : user,
        hasPassword: typeof context.password === "string" && context.password !== "",
        from: options.from,
      };
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}

function smtpTransportOptions(options: SmtpMailerOptions): SMTPTransport.Options {
  if (!/^smtps?:\/\//i.test(options.url)) {
    throw new ConfigError("SMTP URL must start with smtp:// or smtps://");
  }
  const parsed = parseConnectionUrl(options.url);
  if (!parsed.host) throw new ConfigError("SMTP URL must name a host");
  if (!options.from.includes("@")) throw new ConfigError("SMTP sender must be an email address");
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
    ...parsed,
  };
}

/** Only the four fields: nothing else a caller spreads in (cc, attachments...) reaches the transport. */
function pick({ to, subject, text, html }: OutgoingEmail): OutgoingEmail {
  return { to, subject, text, html };
}
