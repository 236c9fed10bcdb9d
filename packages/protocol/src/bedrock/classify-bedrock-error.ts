import type { ErrorCode } from "../errors/error-codes.js";

const CONTEXT_PATTERN = /too long|too many (input )?tokens|context (window|length)|maximum context/i;
/** Configuration mistakes of the gateway's Bedrock account, not of the client's request. */
const ACCOUNT_PATTERN =
  /on-demand throughput|inference profile|don't have access|not authorized|access denied/i;

/**
 * A Bedrock exception name (from the `x-amzn-errortype` header, the body's `__type`, or a stream's
 * `:exception-type`) and its HTTP status → a catalogue code. The provider's own credential and access
 * failures are `upstream_error`: the client's gateway key was fine.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 */
export function classifyBedrockError(type: string, status: number, message: string): ErrorCode {
  switch (type.toLowerCase()) {
    case "validationexception":
      if (/model identifier is invalid|model .*not (found|exist)/i.test(message)) return "model_not_found";
      if (ACCOUNT_PATTERN.test(message)) return "upstream_error";
      return CONTEXT_PATTERN.test(message) ? "context_length_exceeded" : "invalid_request";
    case "accessdeniedexception":
    case "unrecognizedclientexception":
    case "invalidsignatureexception":
    case "expiredtokenexception":
    case "missingauthenticationtokenexception":
    case "incompletesignature":
      return "upstream_error";
    case "resourcenotfoundexception":
      return "model_not_found";
    case "throttlingexception":
    case "servicequotaexceededexception":
      return "upstream_rate_limited";
    case "modelnotreadyexception":
    case "serviceunavailableexception":
      return "upstream_overloaded";
    case "modeltimeoutexception":
      return "upstream_timeout";
    case "internalserverexception":
    case "modelerrorexception":
    case "modelstreamerrorexception":
      return "upstream_error";
    default:
      break;
  }
  if (status === 413) return "payload_too_large";
  if (status === 429) return "upstream_rate_limited";
  if (status === 503) return "upstream_overloaded";
  if (status === 408 || status === 504) return "upstream_timeout";
  if (status === 400) return CONTEXT_PATTERN.test(message) ? "context_length_exceeded" : "invalid_request";
  if (status === 404) return "model_not_found";
  return "upstream_error";
}
