import { GatewayError } from "../errors/gateway-error.js";
import { classifyBedrockError } from "./classify-bedrock-error.js";

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** `ValidationException:http://internal.amazon.com/...` and `com.amazon.coral.validate#ValidationException` → `ValidationException`. */
function shortType(raw: string): string {
  return raw.split(":")[0]!.split("#").pop()!.trim();
}

function parseBody(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function retryAfter(headers: Headers, now: number): number | undefined {
  const raw = header(headers, "retry-after");
  if (raw === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.ceil(Number(raw));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * A Bedrock error response → a GatewayError of the catalogue. The exception name comes from the
 * `x-amzn-errortype` header or the body's `__type`; the message (`message` or `Message`) is kept, the
 * exception name goes to `details.upstreamType`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 *
 * @example
 * decodeBedrockError(429, '{"message":"Too many requests"}', { "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/" });
 * // GatewayError upstream_rate_limited
 */
export function decodeBedrockError(
  status: number,
  body: string,
  headers: Headers,
  now: number = Date.now(),
): GatewayError {
  const parsed = parseBody(body);
  const rawType =
    header(headers, "x-amzn-errortype") ?? (typeof parsed.__type === "string" ? parsed.__type : "");
  const type = shortType(rawType);
  const text = parsed.message ?? parsed.Message;
  const fallback = body.trim() === "" ? `Bedrock returned HTTP ${status}` : body.trim().slice(0, 500);
  const message = typeof text === "string" && text !== "" ? text : fallback;
  const code = classifyBedrockError(type, status, message);
  const err = new GatewayError(code, message, { provider: "bedrock" });
  if (type !== "") err.details.upstreamType = type;
  if (code === "upstream_rate_limited" || code === "upstream_overloaded") {
    const seconds = retryAfter(headers, now);
    if (seconds !== undefined) err.details.retryAfterSeconds = seconds;
  }
  return err;
}
