import { GatewayError } from "../errors/gateway-error.js";

/**
 * An incremental newline-delimited JSON parser (Ollama's stream format): each complete line is one JSON
 * value. The values returned are the same for any split of the byte stream, including splits inside a
 * multi-byte character; blank lines are skipped and CRLF is accepted. A line that is not JSON throws
 * GatewayError("upstream_error").
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#streaming-responses
 *
 * @example
 * const parser = new NdjsonParser();
 * for await (const chunk of body) for (const frame of parser.push(chunk)) emit(decoder.push(frame));
 * for (const frame of parser.end()) emit(decoder.push(frame));
 */
export class NdjsonParser {
  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";

  /** Feeds a chunk; returns the values of the lines it completed. */
  push(chunk: Uint8Array | string): unknown[] {
    this.buffer += typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.buffer.split("\n");
    this.buffer = lines.pop() ?? "";
    return lines.flatMap((line) => this.parse(line));
  }

  /** Ends the stream: a last line without its newline is parsed too. */
  end(): unknown[] {
    const rest = this.buffer + this.decoder.decode();
    this.buffer = "";
    return this.parse(rest);
  }

  private parse(line: string): unknown[] {
    const text = line.trim();
    if (text === "") return [];
    try {
      return [JSON.parse(text)];
    } catch {
      throw new GatewayError("upstream_error", "Unexpected upstream stream data: a line is not JSON");
    }
  }
}
