import pino, { type DestinationStream, type Logger } from "pino";

/** Header and field paths that may hold secrets; pino replaces them wherever they appear in a log object. */
export const REDACTED_PATHS = [
  "authorization",
  "cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'headers["api-key"]',
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["x-api-key"]',
  '*.headers["x-goog-api-key"]',
  '*.headers["api-key"]',
  "apiKey",
  "*.apiKey",
  "password",
  "*.password",
];

/**
 * The structured logger: JSON lines, auth headers and secrets redacted. When `destination` is omitted,
 * logs go to stdout through an asynchronous stream (writes coalesce while one is in flight; flushed at shutdown) so logging stays off
 * the request's critical path.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const dest = destination ?? pino.destination({ dest: 1, sync: false });
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    dest,
  );
}

/**
 * A URL with its secret query parameters replaced, for logs: `key=` (Gemini's ?key=) and the `code=` and
 * `state=` of a single sign-on callback (an authorization code and the login it finishes).
 */
export function redactUrl(url: string): string {
  if (url.indexOf("key=") === -1 && url.indexOf("code=") === -1 && url.indexOf("state=") === -1) return url;
  return url.replace(/([?&](?:key|api_key|api-key|code|state)=)[^&#]*/gi, "$1[redacted]");
}

/**
 * The logger of the per-request line: the same destination without redaction. Redaction costs about
 * 25 µs a line (measured: 27 µs vs 5 µs with pino 10); the request line is built field by field from
 * values that hold no secret (no header, the URL through redactUrl), so it needs none.
 */
export function requestLineLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [], censor: "" } });
}
