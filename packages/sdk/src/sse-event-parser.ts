/** One server-sent event: its `event:` type ("message" when none), its joined `data:` lines and its `id:`. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser of a `text/event-stream` body, fed the bytes as they arrive: the events it yields
 * do not depend on where the network split the stream (inside a line, a multi-byte character, or between
 * CR and LF). Lines end in LF, CR or CRLF; `:` lines are comments; an event ends at a blank line.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 *
 * @example
 * const parser = createSseEventParser();
 * for await (const bytes of body) for (const event of parser.push(bytes)) handle(event);
 * parser.end();
 */
export function createSseEventParser(): {
  push(chunk: Uint8Array | string): ServerSentEvent[];
  end(): ServerSentEvent[];
} {
  const decoder = new TextDecoder("utf-8");
  let partial = "";
  let afterCr = false;
  let data: string[] | undefined;
  let event = "";
  let id: string | undefined;
  let first = true;

  function line(text: string, out: ServerSentEvent[]): void {
    if (text === "") {
      if (data !== undefined)
        out.push({ event: event || "message", data: data.join("\n"), ...(id === undefined ? {} : { id }) });
      data = undefined;
      event = "";
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data = [...(data ?? []), value];
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) id = value;
  }

  function feed(text: string): ServerSentEvent[] {
    const out: ServerSentEvent[] = [];
    let buffer = partial + text;
    if (first && buffer.length > 0) {
      // A leading byte-order mark is not part of the first field name.
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      first = buffer.length === 0;
    }
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (afterCr && i === 0 && c === 10) {
        // The LF of a CRLF whose CR ended the previous chunk.
        afterCr = false;
        start = 1;
        continue;
      }
      afterCr = false;
      if (c !== 10 && c !== 13) continue;
      line(buffer.slice(start, i), out);
      if (c === 13) {
        if (i + 1 < buffer.length) {
          if (buffer.charCodeAt(i + 1) === 10) i++;
        } else afterCr = true;
      }
      start = i + 1;
    }
    partial = buffer.slice(start);
    return out;
  }

  return {
    push: (chunk) => feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true })),
    end() {
      const out = feed(decoder.decode());
      // The stream ended inside an event: what is complete of it is dispatched, as a final blank line would.
      if (partial !== "") line(partial, out);
      partial = "";
      line("", out);
      return out;
    },
  };
}
