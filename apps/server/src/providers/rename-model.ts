/**
 * A client's raw JSON body with its `model` field set to the upstream name; the bytes themselves when
 * the name is already right (the passthrough path's common case).
 */
export function renameModel(raw: Buffer, upstreamModel: string): Buffer | string {
  const body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  if (body.model === upstreamModel) return raw;
  body.model = upstreamModel;
  return JSON.stringify(body);
}
