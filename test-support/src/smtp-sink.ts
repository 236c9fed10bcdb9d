import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

/** One message the sink accepted, decoded. */
export interface ReceivedEmail {
  /** The envelope sender (MAIL FROM), e.g. "no-reply@example.com". */
  from: string;
  /** The `From:` header as written, display name included, e.g. `"Gatehouse" <no-reply@example.com>`. */
  fromHeader: string;
  /** The envelope recipients (RCPT TO), in order. */
  to: string[];
  subject: string;
  /** The decoded plain-text part, "" when there is none. */
  text: string;
  /** The decoded HTML part, "" when there is none. */
  html: string;
  /** The username the client authenticated with, if it did. */
  user?: string;
}

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** Refuse every AUTH with 535, to test a client's error path. */
  failAuth?: boolean;
  /** Accept only these credentials, and refuse MAIL FROM (530) before a successful AUTH. */
  requireAuth?: { user: string; pass: string };
  /** Largest message accepted, in bytes (SIZE extension); larger ones get 552. Default 1 MiB. */
  maxBytes?: number;
}

/** A running SMTP sink. */
export interface SmtpSink {
  port: number;
  host: "127.0.0.1";
  /** `smtp://127.0.0.1:PORT`, without credentials. */
  url: string;
  /** Every message accepted, in arrival order (a live array: tests may clear it with `length = 0`). */
  messages: ReceivedEmail[];
  /** The first message (already received or still to come) that matches; rejects after `timeoutMs`. */
  waitForMessage: (
    predicate?: (message: ReceivedEmail) => boolean,
    timeoutMs?: number,
  ) => Promise<ReceivedEmail>;
  /** Drops open connections and stops listening. Idempotent. */
  close: () => Promise<void>;
}

type Waiter = (message: ReceivedEmail) => boolean;

/**
 * Starts a real SMTP server on 127.0.0.1 (ephemeral port) that accepts mail for anyone and keeps it,
 * decoded with mailparser, for a test to assert on. Plain SMTP only (STARTTLS disabled), AUTH optional
 * and accepted with any credentials unless `failAuth` or `requireAuth` say otherwise.
 * @see https://nodemailer.com/extras/smtp-server/
 *
 * @example
 * const sink = await startSmtpSink();
 * const mailer = createSmtpMailer({ url: sink.url, from: "no-reply@gatehouse.test" });
 * await mailer.send({ to: "ana@example.com", subject: "Hi", text: "Hello", html: "<p>Hello</p>" });
 * const mail = await sink.waitForMessage((m) => m.to.includes("ana@example.com"));
 * await sink.close();
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedEmail[] = [];
  const waiters = new Set<Waiter>();
  const accept = (message: ReceivedEmail) => {
    messages.push(message);
    for (const waiter of waiters) if (waiter(message)) waiters.delete(waiter);
  };
  const server = createSinkServer(options, accept);
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    host: "127.0.0.1",
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessage: (predicate = () => true, timeoutMs = 5000) =>
      waitFor(messages, waiters, predicate, timeoutMs),
    close: () => {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

function createSinkServer(options: SmtpSinkOptions, accept: (message: ReceivedEmail) => void): SMTPServer {
  const { requireAuth } = options;
  return new SMTPServer({
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: options.maxBytes ?? 1024 * 1024,
    rejectOversized: true,
    // Close promptly: a test's afterAll should not wait 30 s for a client that left a socket open.
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      const refused =
        options.failAuth === true ||
        (requireAuth !== undefined &&
          (auth.username !== requireAuth.user || auth.password !== requireAuth.pass));
      if (refused) return callback(smtpError(535, "5.7.8 Authentication credentials invalid"));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, session, callback) {
      if (requireAuth !== undefined && session.user === undefined) {
        return callback(smtpError(530, "5.7.0 Authentication required"));
      }
      callback();
    },
    onData(stream, session, callback) {
      decode(stream, session).then(
        (message) => {
          accept(message);
          callback();
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
  });
}

async function decode(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<ReceivedEmail> {
  const mail = await simpleParser(stream);
  if (stream.sizeExceeded) throw smtpError(552, "5.3.4 Message exceeds the size limit");
  const { mailFrom, rcptTo } = session.envelope;
  const user: unknown = session.user;
  return {
    from: mailFrom === false ? "" : mailFrom.address,
    fromHeader: mail.from?.text ?? "",
    to: rcptTo.map((rcpt) => rcpt.address),
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : "",
    ...(typeof user === "string" ? { user } : {}),
  };
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

function waitFor(
  messages: ReceivedEmail[],
  waiters: Set<Waiter>,
  predicate: (message: ReceivedEmail) => boolean,
  timeoutMs: number,
): Promise<ReceivedEmail> {
  const found = messages.find(predicate);
  if (found !== undefined) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const waiter: Waiter = (message) => {
      if (!predicate(message)) return false;
      clearTimeout(timer);
      resolve(message);
      return true;
    };
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      reject(new Error(`No matching email within ${timeoutMs} ms (${messages.length} received)`));
    }, timeoutMs);
    waiters.add(waiter);
  });
}
