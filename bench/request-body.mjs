// The client request every target receives: an OpenAI chat completion with a realistic small prompt.
import { filler } from "./mock-wire.mjs";

/**
 * The JSON body of a chat completion request for `model`; streaming asks for the usage chunk, as the
 * official SDKs' users commonly do and as a gateway needs for metering.
 *
 * @example
 * chatRequestBody({ model: "bench-model", stream: true, promptBytes: 400 })
 */
export function chatRequestBody({ model, stream, promptBytes = 400 }) {
  const body = {
    model,
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: filler(promptBytes) },
    ],
    max_tokens: 256,
  };
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return JSON.stringify(body);
}
