import { GatewayError } from "@gatehouse/protocol";
import { OpenAIStreamTap } from "../../metering/openai-stream-tap.js";
import type { StreamError, StreamPipe } from "../pipeline/stream-pipe.js";
import type { ErrorRenderer } from "../surface-error.js";

/**
 * The stream pipe of an OpenAI-to-OpenAI passthrough: the upstream's bytes as they come, metered by
 * {@link OpenAIStreamTap} (usage, delivered characters, `[DONE]`), which also removes the usage chunk the
 * gateway asked for on the client's behalf. An `{"error":...}` event ends the relay (the client has it);
 * a body that ends without `[DONE]` gets OpenAI's in-stream error event.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class OpenAIStreamPipe implements StreamPipe {
  private readonly tap: OpenAIStreamTap;
  private cut: StreamError | undefined;

  /** @param stripUsage the client did not ask for the usage chunk (stream_options.include_usage). */
  constructor(
    stripUsage: boolean,
    private readonly errors: ErrorRenderer,
    private readonly provider: string,
  ) {
    this.tap = new OpenAIStreamTap(stripUsage);
  }

  get usage() {
    return this.tap.usage;
  }
  get deliveredChars() {
    return this.tap.deliveredChars;
  }
  get completed() {
    return this.tap.done;
  }
  get error(): StreamError | undefined {
    if (this.cut) return this.cut;
    return this.tap.upstreamError
      ? { code: "upstream_error", message: `Upstream provider '${this.provider}' sent an error event.` }
      : undefined;
  }

  push(chunk: Buffer): Buffer | string {
    return this.tap.push(chunk);
  }

  end(): string {
    const tail = this.tap.end();
    if (this.tap.done || this.tap.upstreamError) return tail;
    this.cut = {
      code: "stream_interrupted",
      message: `Upstream provider '${this.provider}' ended the stream before it was complete.`,
    };
    return tail + this.errors.streamEvent(new GatewayError(this.cut.code, this.cut.message));
  }
}
