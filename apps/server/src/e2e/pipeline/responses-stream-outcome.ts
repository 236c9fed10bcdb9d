import { endedWithSuccess, lastStreamError } from "../routing/surface-client.js";
import type { DriverSurface } from "./pipeline-driver.js";

/** The JSON of each event of a Responses SSE body. */
function responsesEvents(body: string): Array<Record<string, unknown>> {
  return body
    .trim()
    .split(/(?:\r?\n){2,}/)
    .flatMap((block) => {
      const data = block
        .split(/\r?\n/)
        .find((l) => l.startsWith("data:"))
        ?.slice(5)
        .trim();
      return data === undefined ? [] : [JSON.parse(data) as Record<string, unknown>];
    });
}

/**
 * Whether a streamed body ended with its protocol's success event: for the Responses API
 * `response.completed` (or `response.incomplete`, a finished answer cut by its cap).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function streamEndedWithSuccess(surface: DriverSurface, body: string): boolean {
  if (surface !== "responses") return endedWithSuccess(surface, body);
  const last = responsesEvents(body).at(-1);
  return last?.type === "response.completed" || last?.type === "response.incomplete";
}

/**
 * The protocol's in-stream error event when the stream's last event is one: for the Responses API a
 * `response.failed` or an `error` event.
 */
export function lastStreamErrorEvent(
  surface: DriverSurface,
  body: string,
): Record<string, unknown> | undefined {
  if (surface !== "responses") return lastStreamError(surface, body);
  const last = responsesEvents(body).at(-1);
  return last?.type === "response.failed" || last?.type === "error" ? last : undefined;
}
