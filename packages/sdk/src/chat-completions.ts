import type { OperationRequest } from "./build-operation-request.js";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "./chat-types.js";
import { errorFromAnswer, errorFromObject, errorObject, GatehouseApiError } from "./gatehouse-api-error.js";
import { readChatEvents } from "./read-chat-events.js";

/** Per-call options of a chat request. */
export interface ChatCallOptions {
  /** Aborts the request, or the stream while it is read. */
  signal?: AbortSignal;
  /** Extra headers for this request. */
  headers?: Record<string, string>;
}

/** `client.chat.completions`: OpenAI-compatible chat through the gateway's data plane. */
export interface ChatCompletions {
  /** One complete answer. */
  create(request: ChatCompletionRequest, options?: ChatCallOptions): Promise<ChatCompletion>;
  /**
   * The answer as it is generated: iterate the chunks with `for await`. The request is sent when iteration
   * starts; an HTTP error or an error event inside the stream is thrown as GatehouseApiError, and a stream
   * that ends without `data: [DONE]` throws `stream_interrupted`. Leaving the loop early cancels the request.
   */
  stream(request: ChatCompletionRequest, options?: ChatCallOptions): AsyncIterable<ChatCompletionChunk>;
}

interface ChatTransport {
  baseUrl: string;
  send(req: OperationRequest, signal: AbortSignal | undefined): Promise<Response>;
  headers(headers: Record<string, string>): Record<string, string>;
}

/** The chat surface over the client's transport (the same credential, refresh and fetch). */
export function createChatCompletions(transport: ChatTransport): ChatCompletions {
  const request = (body: ChatCompletionRequest, stream: boolean, options: ChatCallOptions = {}) =>
    transport.send(
      {
        method: "POST",
        url: `${transport.baseUrl}/v1/chat/completions`,
        headers: {
          ...options.headers,
          "content-type": "application/json",
          accept: stream ? "text/event-stream" : "application/json",
        },
        body: JSON.stringify({ ...body, stream }),
      },
      options.signal,
    );

  return {
    async create(body, options) {
      const res = await request(body, false, options);
      const text = await res.text();
      if (!res.ok) throw errorFromAnswer(res.status, res.headers, text);
      const answer = parseAnswer(res.status, text);
      const error = errorObject(answer);
      if (error !== undefined) throw errorFromObject(res.status, error);
      return answer as ChatCompletion;
    },

    async *stream(body, options) {
      const res = await request(body, true, options);
      if (!res.ok) throw errorFromAnswer(res.status, res.headers, await res.text());
      if (res.body === null)
        throw new GatehouseApiError(res.status, "invalid_response", "The stream has no body.");
      for await (const data of readChatEvents(res.body)) {
        const chunk = parseAnswer(0, data);
        const error = errorObject(chunk);
        if (error !== undefined) throw errorFromObject(0, error);
        yield chunk as ChatCompletionChunk;
      }
    },
  };
}

function parseAnswer(status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GatehouseApiError(status, "invalid_response", `Not JSON: ${text.slice(0, 100)}`);
  }
}
