import { readFileSync } from "node:fs";
import { type SseEvent, SseParser } from "../../sse/sse-parser.js";

/** A fixture file's text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

/** A JSON fixture, parsed fresh on every call (tests may mutate it). */
export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

/** A recorded SSE stream, parsed into frames. */
export function fixtureFrames(name: string): SseEvent[] {
  return parseSse(fixtureText(name));
}

/** SSE text → frames. */
export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}
