import { GatehouseApiError } from "./gatehouse-api-error.js";
import { createSseEventParser } from "./sse-event-parser.js";

/**
 * The `data` of each event of an OpenAI-style chat stream, up to `data: [DONE]`. An `event: error` event
 * is yielded like data (its JSON has an `error` object the caller throws); a body that ends before
 * `[DONE]` throws `stream_interrupted`. Stopping early (a `break`, an abort) cancels the body.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export async function* readChatEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const parser = createSseEventParser();
  const reader = body.getReader();
  let done = false;
  try {
    while (!done) {
      const { value, done: ended } = await reader.read();
      const events = ended ? parser.end() : parser.push(value);
      for (const event of events) {
        if (event.data === "[DONE]") {
          done = true;
          break;
        }
        if (event.data === "") continue;
        yield event.data;
      }
      if (ended && !done) {
        throw new GatehouseApiError(0, "stream_interrupted", "The stream ended before [DONE].");
      }
    }
  } finally {
    // Whether finished, broken out of or failed: release the connection.
    await reader.cancel().catch(() => undefined);
  }
}
