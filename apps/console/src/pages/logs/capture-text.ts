/** JSON text indented for reading; anything else (a cut body, not JSON) as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * The text of a streamed answer, assembled from its server-sent events: OpenAI's `choices[].delta.content`,
 * the Responses API's `response.output_text.delta`, Anthropic's `content_block_delta` text, Gemini's
 * `candidates[].content.parts[].text`. Empty when the events carry none (a tool call, a stream in another
 * shape): the raw stream is shown then.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/response/output_text/delta
 */
export function assembleStream(text: string): string {
  let out = "";
  for (const line of text.split("\n")) {
    if (!line.startsWith("data:")) continue;
    const data = line.slice(5).trim();
    if (data === "" || data === "[DONE]") continue;
    try {
      out += textOfEvent(JSON.parse(data));
    } catch {
      // A cut capture ends mid-event: what came before is still the answer's start.
    }
  }
  return out;
}

interface StreamEvent {
  choices?: Array<{ delta?: { content?: unknown } }>;
  type?: string;
  /** Anthropic's `{text}`, or the Responses API's text itself. */
  delta?: unknown;
  candidates?: Array<{ content?: { parts?: Array<{ text?: unknown }> } }>;
}

function textOfEvent(e: StreamEvent): string {
  let out = "";
  for (const c of e.choices ?? []) if (typeof c.delta?.content === "string") out += c.delta.content;
  const delta = e.delta as { text?: unknown } | undefined;
  if (e.type === "content_block_delta" && typeof delta?.text === "string") out += delta.text;
  if (e.type === "response.output_text.delta" && typeof e.delta === "string") out += e.delta;
  for (const c of e.candidates ?? [])
    for (const p of c.content?.parts ?? []) if (typeof p.text === "string") out += p.text;
  return out;
}
