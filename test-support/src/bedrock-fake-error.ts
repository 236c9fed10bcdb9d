import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import type { FakeErrorResponse } from "./fake-context.js";

/**
 * A Bedrock Runtime error as AWS sends it (restJson1): the type in the `x-amzn-errortype` header and a
 * `{"message"}` body. A mode's status maps to the exception Bedrock uses for it; AWS never answers 401,
 * so `error-401` gives 403 UnrecognizedClientException (a bad credential), and 529 gives 503.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html
 *
 * @example
 * bedrockErrorResponse(429).headers; // { "x-amzn-errortype": "ThrottlingException:http://..." }
 */
export function bedrockErrorResponse(status: number, message?: string, type?: string): FakeErrorResponse {
  const preset = BEDROCK_ERRORS[status] ?? {
    status,
    type: status >= 500 ? "InternalServerException" : "ValidationException",
    message: "Error",
  };
  const errorType = type ?? preset.type;
  return {
    status: preset.status,
    headers: { "x-amzn-errortype": `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
    body: JSON.stringify({ message: message ?? preset.message }),
  };
}

const BEDROCK_ERRORS: Record<number, { status: number; type: string; message: string }> = {
  400: { status: 400, type: "ValidationException", message: "The provided request is not valid" },
  401: {
    status: 403,
    type: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  },
  403: {
    status: 403,
    type: "AccessDeniedException",
    message: "You don't have access to the model with the specified model ID.",
  },
  404: {
    status: 404,
    type: "ResourceNotFoundException",
    message: "The requested resource could not be found.",
  },
  429: {
    status: 429,
    type: "ThrottlingException",
    message: "Too many requests, please wait before trying again.",
  },
  500: { status: 500, type: "InternalServerException", message: "The server encountered an internal error." },
  503: {
    status: 503,
    type: "ServiceUnavailableException",
    message: "The service is unavailable. Please try again later.",
  },
  529: {
    status: 503,
    type: "ServiceUnavailableException",
    message: "Model is getting throttled. Try your request again.",
  },
};

/**
 * Bedrock's in-stream error: an event-stream message with `:message-type: exception` and
 * `:exception-type: modelStreamErrorException` (the stream then ends).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 */
export function encodeBedrockStreamError(): Buffer {
  const payload = { message: "The model stream was interrupted.", originalStatusCode: 500 };
  return encodeEventStreamMessage(
    {
      ":exception-type": "modelStreamErrorException",
      ":content-type": "application/json",
      ":message-type": "exception",
    },
    Buffer.from(JSON.stringify(payload)),
  );
}
