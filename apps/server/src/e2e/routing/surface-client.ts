/** The three client surfaces, spoken over raw HTTP in each protocol's own shapes. */
export type SurfaceName = "openai" | "anthropic" | "gemini";

export const SURFACES: readonly SurfaceName[] = ["openai", "anthropic", "gemini"];

export interface ChatOptions {
  stream?: boolean;
  /** Extra request headers (x-gatehouse-fallbacks, x-gatehouse-timeout-ms...). */
  headers?: Record<string, string>;
  /** The body's `gatehouse` settings field, when set. */
  gatehouse?: unknown;
  text?: string;
}

/** A gateway answer, read to the end. */
export interface ChatAnswer {
  status: number;
  headers: Headers;
  body: string;
  /** From sending the request to the end of the body. */
  ms: number;
  requestId: string;
  provider: string | null;
  attempts: number;
}

/**
 * One chat call through a client surface, as its SDK would send it: OpenAI chat completions, Anthropic
 * messages, Gemini generateContent / streamGenerateContent?alt=sse, each with its own key header.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://ai.google.dev/api/generate-content
 */
export async function chat(
  gw: { url: string; key: string },
  surface: SurfaceName,
  model: string,
  options: ChatOptions = {},
): Promise<ChatAnswer> {
  const { url, init } = chatRequest(gw, surface, model, options);
  const started = Date.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body,
    ms: Date.now() - started,
    requestId: res.headers.get("x-gatehouse-request-id") ?? "",
    provider: res.headers.get("x-gatehouse-provider"),
    attempts: Number(res.headers.get("x-gatehouse-attempts") ?? 0),
  };
}

/** The URL and fetch options of one chat call through a surface (as {@link chat} sends it). */
export function chatRequest(
  gw: { url: string; key: string },
  surface: SurfaceName,
  model: string,
  o: ChatOptions,
): { url: string; init: RequestInit } {
  const text = o.text ?? "Hello there";
  const stream = o.stream === true;
  const extra = o.gatehouse === undefined ? {} : { gatehouse: o.gatehouse };
  const headers: Record<string, string> = { "content-type": "application/json", ...o.headers };
  if (surface === "openai") {
    headers.authorization = `Bearer ${gw.key}`;
    const body = { model, stream, messages: [{ role: "user", content: text }], ...extra };
    return {
      url: `${gw.url}/v1/chat/completions`,
      init: { method: "POST", headers, body: JSON.stringify(body) },
    };
  }
  if (surface === "anthropic") {
    headers["x-api-key"] = gw.key;
    headers["anthropic-version"] = "2023-06-01";
    const body = { model, stream, max_tokens: 256, messages: [{ role: "user", content: text }], ...extra };
    return { url: `${gw.url}/v1/messages`, init: { method: "POST", headers, body: JSON.stringify(body) } };
  }
  headers["x-goog-api-key"] = gw.key;
  const method = stream ? "streamGenerateContent?alt=sse" : "generateContent";
  const body = { contents: [{ role: "user", parts: [{ text }] }], ...extra };
  return {
    url: `${gw.url}/v1beta/models/${model}:${method}`,
    init: { method: "POST", headers, body: JSON.stringify(body) },
  };
}

/** The answer's text, whatever the surface and whether it streamed. */
export function answerText(surface: SurfaceName, a: ChatAnswer): string {
  const datas = a.body.includes("data:")
    ? a.body
        .split(/\r?\n/)
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trim())
        .filter((d) => d !== "[DONE]")
        .map((d) => JSON.parse(d))
    : [JSON.parse(a.body)];
  let out = "";
  for (const d of datas) {
    if (surface === "openai") out += d.choices?.[0]?.message?.content ?? d.choices?.[0]?.delta?.content ?? "";
    else if (surface === "anthropic")
      out += d.delta?.text ?? (d.content ?? []).map((b: { text?: string }) => b.text ?? "").join("");
    else
      out += (d.candidates?.[0]?.content?.parts ?? []).map((p: { text?: string }) => p.text ?? "").join("");
  }
  return out;
}

/** Whether a streamed body ended with the protocol's success marker. */
export function endedWithSuccess(surface: SurfaceName, body: string): boolean {
  if (surface === "openai") return body.includes("data: [DONE]");
  if (surface === "anthropic") return body.includes("event: message_stop");
  return /"finishReason"\s*:/.test(body);
}

/** The protocol's in-stream error event, parsed, when the stream's last event is one; else undefined. */
export function lastStreamError(surface: SurfaceName, body: string): Record<string, unknown> | undefined {
  // Events end with a blank line, in LF or CRLF (a passthrough stream keeps the upstream's).
  const events = body.trim().split(/(?:\r?\n){2,}/);
  const last = events.at(-1) ?? "";
  const data = last
    .split(/\r?\n/)
    .find((l) => l.startsWith("data:"))
    ?.slice(5)
    .trim();
  if (data === undefined) return undefined;
  const json = JSON.parse(data) as Record<string, unknown>;
  if (surface === "anthropic")
    return last.includes("event: error") && json.type === "error" ? json : undefined;
  return json.error !== undefined ? json : undefined;
}

/** Whether a JSON error body has the surface's error shape. */
export function isSurfaceError(surface: SurfaceName, body: string): boolean {
  const json = JSON.parse(body) as Record<string, { message?: unknown; status?: unknown }> & {
    type?: unknown;
  };
  if (surface === "anthropic") return json.type === "error" && typeof json.error?.message === "string";
  if (surface === "gemini") return typeof json.error?.status === "string";
  return typeof json.error?.message === "string";
}
