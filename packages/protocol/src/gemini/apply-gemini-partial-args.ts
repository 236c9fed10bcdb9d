import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { geminiField, isJsonObject, type JsonObject } from "./gemini-field-reader.js";

type Segment = string | number;

/** `$['a b']` / `$["a"]`: the quoted name and the offset just past its closing bracket, or undefined. */
function quotedName(path: string, open: number): { name: string; next: number } | undefined {
  const quote = path[open + 1];
  let name = "";
  for (let i = open + 2; i < path.length; i++) {
    const c = path[i]!;
    if (c === "\\") name += path[++i] ?? "";
    else if (c === quote) return path[i + 1] === "]" ? { name, next: i + 2 } : undefined;
    else name += c;
  }
  return undefined;
}

/**
 * The subset of JSONPath (RFC 9535) Vertex uses to address a streamed argument: `$`, then `.name`,
 * `['name']` / `["name"]` and `[index]` segments. Anything else is undefined.
 * @see https://datatracker.ietf.org/doc/html/rfc9535
 */
function parsePath(path: string): Segment[] | undefined {
  if (path[0] !== "$") return undefined;
  const segments: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === ".") {
      let end = i + 1;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
      if (end === i + 1) return undefined;
      segments.push(path.slice(i + 1, end));
      i = end;
    } else if (path[i] === "[" && (path[i + 1] === "'" || path[i + 1] === '"')) {
      const quoted = quotedName(path, i);
      if (quoted === undefined) return undefined;
      segments.push(quoted.name);
      i = quoted.next;
    } else if (path[i] === "[") {
      const close = path.indexOf("]", i);
      const digits = close === -1 ? "" : path.slice(i + 1, close);
      if (!/^\d{1,9}$/.test(digits)) return undefined;
      segments.push(Number(digits));
      i = close + 1;
    } else return undefined;
  }
  return segments;
}

/** An own property, never one inherited through the prototype (`__proto__`, `constructor`). */
function own(node: JsonObject | unknown[], key: Segment): unknown {
  if (Array.isArray(node)) return typeof key === "number" ? node[key] : undefined;
  return typeof key === "string" && Object.hasOwn(node, key) ? node[key] : undefined;
}

/** Sets a child, as data: defineProperty keeps a `__proto__` name from replacing the prototype. */
function put(node: JsonObject | unknown[], key: Segment, value: unknown, fail: (p: string) => never): void {
  if (Array.isArray(node)) {
    if (typeof key !== "number") fail("names a field of an array");
    // A gap would make a sparse array of any length: refused rather than filled.
    if (key > node.length) fail("skips array elements");
    node[key] = value;
    return;
  }
  if (typeof key !== "string") fail("indexes an object");
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

function setAt(
  root: JsonObject,
  path: Segment[],
  value: unknown,
  append: boolean,
  fail: (p: string) => never,
) {
  let node: JsonObject | unknown[] = root;
  for (let k = 0; k < path.length - 1; k++) {
    const wantArray = typeof path[k + 1] === "number";
    let child = own(node, path[k]!);
    if (child === undefined) {
      child = wantArray ? [] : {};
      put(node, path[k]!, child, fail);
    } else if (wantArray ? !Array.isArray(child) : !isJsonObject(child)) {
      fail("conflicts with a value streamed earlier");
    }
    node = child as JsonObject | unknown[];
  }
  const last = path[path.length - 1]!;
  const existing = own(node, last);
  const joined =
    append && typeof existing === "string" && typeof value === "string" ? existing + value : value;
  put(node, last, joined, fail);
}

/** The value of a PartialArg (its `delta` oneof); `undefined` when it carries none. */
function partialValue(arg: JsonObject, param: string): unknown {
  if (arg.nullValue !== undefined) return null;
  if (arg.numberValue !== undefined) {
    if (typeof arg.numberValue !== "number" || !Number.isFinite(arg.numberValue))
      throw geminiField.upstream(`${param}.numberValue`, "must be a finite number");
    return arg.numberValue;
  }
  if (arg.stringValue !== undefined) {
    if (typeof arg.stringValue !== "string")
      throw geminiField.upstream(`${param}.stringValue`, "must be a string");
    return arg.stringValue;
  }
  if (arg.boolValue !== undefined) {
    if (typeof arg.boolValue !== "boolean")
      throw geminiField.upstream(`${param}.boolValue`, "must be a boolean");
    return arg.boolValue;
  }
  return undefined;
}

/**
 * Applies Vertex's streamed function-call arguments (`functionCall.partialArgs`) to the arguments built so
 * far. Each PartialArg sets the value at its `jsonPath`, creating the objects and arrays on the way; a
 * `stringValue` continues the string at the same path when the previous PartialArg for it said
 * `willContinue` (`continuing` remembers those paths between chunks). A path or value that breaks the
 * format is an `upstream_error` naming `param`.
 * @see https://googleapis.github.io/js-genai/release_docs/interfaces/types.PartialArg.html (Vertex only)
 *
 * @example
 * const args = {};
 * applyGeminiPartialArgs(args, [{ jsonPath: "$.city", stringValue: "Par", willContinue: true }], "p", seen);
 * applyGeminiPartialArgs(args, [{ jsonPath: "$.city", stringValue: "is" }], "p", seen); // args: { city: "Paris" }
 */
export function applyGeminiPartialArgs(
  args: JsonObject,
  partialArgs: unknown,
  param: string,
  continuing: Set<string>,
): void {
  if (!Array.isArray(partialArgs)) throw geminiField.upstream(param, "must be an array");
  partialArgs.forEach((raw, i) => {
    const at = `${param}[${i}]`;
    if (!isJsonObject(raw)) throw geminiField.upstream(at, "must be an object");
    if (typeof raw.jsonPath !== "string") throw geminiField.upstream(`${at}.jsonPath`, "must be a string");
    const path = parsePath(raw.jsonPath);
    if (path === undefined || path.length === 0 || path.length > MAX_JSON_DEPTH)
      throw geminiField.upstream(`${at}.jsonPath`, "must be a JSONPath to an argument, like $.a.b[0]");
    const fail = (problem: string): never => {
      throw geminiField.upstream(`${at}.jsonPath`, `'${raw.jsonPath}' ${problem}`);
    };
    const value = partialValue(raw, at);
    if (value !== undefined) setAt(args, path, value, continuing.has(raw.jsonPath), fail);
    if (raw.willContinue === true) continuing.add(raw.jsonPath);
    else continuing.delete(raw.jsonPath);
  });
}
