import { readFileSync } from "node:fs";
import type { SseEvent } from "../../sse/sse-parser.js";
import { SseParser } from "../../sse/sse-parser.js";

/** A fixture file's text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

/** A JSON fixture, parsed. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** A recorded SSE body, parsed into events. */
export function fixtureSse(name: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(fixtureText(name)), ...parser.end()];
}

/** SSE text, parsed into events. */
export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.push(text), ...parser.end()];
}
