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

/**
 * The same question as {@link chatRequestBody} as an OpenAI Responses request (POST /v1/responses): the
 * system prompt as `instructions`, the user text as `input`, the same output cap.
 *
 * @example
 * responsesRequestBody({ model: "bench-model", stream: false, promptBytes: 400 })
 */
export function responsesRequestBody({ model, stream, promptBytes = 400 }) {
  const body = {
    model,
    instructions: "You are a helpful assistant.",
    input: [{ role: "user", content: filler(promptBytes) }],
    max_output_tokens: 256,
  };
  if (stream) body.stream = true;
  return JSON.stringify(body);
}

/**
 * A chat request of exactly `bytes` bytes: one user message of filler text long enough to get there
 * (the big-body scenarios: a real request, not noise, so that a server that reads it parses it all).
 *
 * @example
 * Buffer.byteLength(bigChatBody({ model: "bench-model", bytes: 9_000_000 })) // 9000000
 */
export function bigChatBody({ model, bytes }) {
  const shell = JSON.stringify({ model, max_tokens: 16, messages: [{ role: "user", content: "" }] });
  const pad = bytes - Buffer.byteLength(shell);
  if (pad < 0) throw new Error(`a chat request needs at least ${Buffer.byteLength(shell)} bytes`);
  return shell.replace('"content":""', () => `"content":"${filler(pad)}"`);
}
