import fc from "fast-check";
import { expect } from "vitest";
import type { StreamDecoder } from "../codec.js";
import { isErrorCode } from "../errors/error-codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { deepNestingMarker, hostileJsonArb } from "./hostile-json-arb.js";
import { type JsonPath, jsonPaths, withValueAt } from "./json-paths.js";

/** Answers an upstream decoder gets in the property tests: anything, or a valid one with one value replaced. */
export function upstreamAnswerArb(valid: unknown, maxNesting = 100_000): fc.Arbitrary<unknown> {
  const paths = jsonPaths(valid);
  const mutated = fc
    .tuple(fc.constantFrom(...paths), hostileJsonArb(maxNesting))
    .map(([path, value]) => withValueAt(valid, path, value));
  return fc.oneof({ weight: 1, arbitrary: hostileJsonArb(maxNesting) }, { weight: 4, arbitrary: mutated });
}

/**
 * The property every decoder of an upstream answer keeps: it returns, or throws a GatewayError whose code
 * is `upstream_error` (never a TypeError, a RangeError or a client's 4xx).
 */
export function expectDecodesOrUpstreamError(decode: () => unknown): void {
  try {
    decode();
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    expect(err.code).toBe("upstream_error");
    expect(err.message).not.toBe("");
  }
}

/**
 * One frame of a stream replaced, at one path, by a hostile value. With `asText`, deep nesting comes as
 * markers for jsonTextWithDeepNesting (frames that travel as text: SSE data).
 */
export function mutatedFramesArb(
  frames: unknown[],
  maxNesting: number,
  asText = false,
): fc.Arbitrary<unknown[]> {
  const targets: Array<[number, JsonPath]> = frames.flatMap((f, i) =>
    jsonPaths(f).map((p): [number, JsonPath] => [i, p]),
  );
  const hostile = asText ? hostileJsonArb(maxNesting, deepNestingMarker) : hostileJsonArb(maxNesting);
  return fc
    .tuple(fc.constantFrom(...targets), hostile)
    .map(([[i, path], value]) => frames.map((f, j) => (j === i ? withValueAt(f, path, value) : f)));
}

/**
 * The property every stream decoder keeps: push and end never throw; every error event carries a code of
 * the catalogue; nothing follows the stream's end (`end`) or its failure (`error`); and every stream that is
 * ended reaches exactly one of them.
 */
export function expectWellFormedStream<F>(decoder: StreamDecoder<F>, frames: F[]): IrStreamEvent[] {
  const events: IrStreamEvent[] = [];
  for (const frame of frames) events.push(...decoder.push(frame));
  events.push(...decoder.end());
  const terminal = events.findIndex((e) => e.type === "end" || e.type === "error");
  expect(terminal).toBe(events.length - 1);
  for (const e of events) if (e.type === "error") expect(isErrorCode(e.code)).toBe(true);
  return events;
}
