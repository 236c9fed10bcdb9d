/**
 * A Gemini embed body with every `model` field (the request's own, and each of `requests[]` in a batch,
 * which Gemini requires to name the model of the path) set to `models/{upstreamModel}`; the client's
 * bytes when nothing changes.
 * @see https://ai.google.dev/api/embeddings#EmbedContentRequest
 */
export function renameGeminiEmbedModel(raw: Buffer, upstreamModel: string): Buffer | string {
  const body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  const name = `models/${upstreamModel}`;
  let changed = false;
  const rename = (request: unknown): void => {
    if (request === null || typeof request !== "object" || Array.isArray(request)) return;
    const r = request as Record<string, unknown>;
    if (r.model === undefined || r.model === name) return;
    r.model = name;
    changed = true;
  };
  rename(body);
  if (Array.isArray(body.requests)) body.requests.forEach(rename);
  return changed ? JSON.stringify(body) : raw;
}
