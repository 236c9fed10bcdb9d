// Fuzzed request bodies: each one a valid request of its surface, mutated one way (or left valid as a
// control). Body `index` of a surface under a run seed is always the same bytes, so a body that caused a
// 5xx can be rebuilt from the three numbers alone.
import { seededRandom, seedOf } from "./seeded-random.mjs";
import { SURFACES } from "./surface-requests.mjs";

/** The mutations, in the order body indexes cycle through them. */
export const FUZZ_KINDS = [
  "valid", // the control: what every mutation starts from
  "deep-nesting", // arrays or objects nested up to MAX_DEPTH deep, at a field or a new one
  "huge-number", // number literals no double holds (1e400, 100,000 digits) at numeric or structural fields
  "wrong-type", // tools / messages / contents / system (and their parts) replaced by a value of another type
  "truncated", // the valid JSON text cut short
  "random-bytes", // up to 2 KiB of noise
  "invalid-utf8", // valid JSON with bytes that are not UTF-8 inside a string
];

export const MAX_DEPTH = 100_000;
const DEPTHS = [10, 1_000, 10_000, 50_000, MAX_DEPTH];
const HUGE_NUMBERS = [
  "1e400",
  "-1e400",
  "1e-400",
  "0.1e1000000",
  "-0",
  "9007199254740993",
  "123456789012345678901234567890",
  `1${"0".repeat(400)}`,
  "9".repeat(100_000),
];
const WRONG_VALUES = [null, true, false, 0, -1, 3.5, "", "text", [], {}, [null], [1, "a"], { a: {} }, [[[]]]];
const RAW = "@@RAW@@";

/** JSON's types, telling null and arrays apart from objects ("undefined" for a missing field). */
export function typeOf(value) {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** The value at a dot path ("" = the whole value); undefined when any step is missing. */
export function valueAt(value, path) {
  if (path === "") return value;
  let node = value;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = node[key];
  }
  return node;
}

function replaceAt(body, path, value) {
  if (path === "") return value;
  const keys = path.split(".");
  const parent = valueAt(body, keys.slice(0, -1).join("."));
  parent[keys[keys.length - 1]] = value;
  return body;
}

/** The body's JSON text with the value at `path` written as `raw` (text JSON.stringify cannot produce). */
function withRawText(body, path, raw) {
  return JSON.stringify(replaceAt(body, path, RAW)).replace(`"${RAW}"`, () => raw);
}

function nesting(depth, arrays) {
  return arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

function randomBytes(rng, length) {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) bytes[i] = rng.int(256);
  return bytes;
}

const MUTATE = {
  valid: (_rng, _surface, body) => ({ text: JSON.stringify(body), detail: "unchanged" }),
  "deep-nesting": (rng, surface, body) => {
    const [depth, arrays, path] = [
      rng.pick(DEPTHS),
      rng.next() < 0.5,
      rng.pick([...surface.structure, "x_fuzz"]),
    ];
    const detail = `${arrays ? "arrays" : "objects"} ${depth} deep at ${path || "the root"}`;
    return { text: withRawText(body, path, nesting(depth, arrays)), detail, path, depth };
  },
  "huge-number": (rng, surface, body) => {
    const [raw, path] = [rng.pick(HUGE_NUMBERS), rng.pick([...surface.numbers, ...surface.structure])];
    const shown = raw.length > 40 ? `a ${raw.length}-digit number` : raw;
    return { text: withRawText(body, path, raw), detail: `${shown} at ${path || "the root"}`, path, raw };
  },
  "wrong-type": (rng, surface, body) => {
    const path = rng.pick(surface.structure);
    const was = typeOf(valueAt(body, path));
    const value = rng.pick(WRONG_VALUES.filter((v) => typeOf(v) !== was));
    const detail = `${JSON.stringify(value)} (${typeOf(value)}, was ${was}) at ${path || "the root"}`;
    return { text: JSON.stringify(replaceAt(body, path, value)), detail, path };
  },
  truncated: (rng, _surface, body) => {
    const bytes = Buffer.from(JSON.stringify(body));
    const cut = rng.int(bytes.length);
    return { bytes: bytes.subarray(0, cut), detail: `cut at byte ${cut} of ${bytes.length}` };
  },
  "random-bytes": (rng) => {
    const length = rng.int(2049);
    return { bytes: randomBytes(rng, length), detail: `${length} random bytes` };
  },
  "invalid-utf8": (rng, surface, body) => {
    const strings = surface.structure.filter((p) => typeof valueAt(body, p) === "string");
    const path = rng.pick(strings);
    const [before, after] = JSON.stringify(replaceAt(body, path, RAW)).split(`"${RAW}"`);
    const bad = Buffer.from([0x22, 0x61, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x62, 0x22]); // "a…b"
    return {
      bytes: Buffer.concat([Buffer.from(before), bad, Buffer.from(after)]),
      detail: `at ${path}`,
      path,
    };
  },
};

/**
 * Body `index` of `surfaceName` under run `seed`: its kind (FUZZ_KINDS cycles with the index), a
 * one-line description, whether the valid body it came from streams, and the bytes.
 *
 * @example
 * fuzzBody("anthropic", { seed: 1, index: 3 }) // { kind: "wrong-type", detail: "null (null, was array) at tools", ... }
 */
export function fuzzBody(surfaceName, { seed, index, model = "bench-model" }) {
  const surface = SURFACES[surfaceName];
  if (!surface) throw new Error(`unknown surface ${surfaceName}`);
  const rng = seededRandom(seedOf(seed, surfaceName, index));
  const kind = FUZZ_KINDS[index % FUZZ_KINDS.length];
  const stream = surfaceName !== "gemini" && rng.next() < 0.25;
  const { text, bytes, ...rest } = MUTATE[kind](rng, surface, surface.body(model, stream), model);
  return { surface: surfaceName, index, kind, stream, ...rest, body: bytes ?? Buffer.from(text) };
}
