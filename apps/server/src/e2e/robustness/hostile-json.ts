import fc from "fast-check";

/** A string marker that {@link renderJsonText} writes as raw JSON text. */
const RAW = "\u0000raw:";

/**
 * A value that becomes raw JSON text where it sits: numbers JSON.parse turns into Infinity or 0
 * (`1e400`, `1E-400`), integers past 2^53, and nesting as deep as a test wants (`deep-arrays:100000`),
 * which JSON.stringify could not write itself.
 */
export const rawJson = (text: string) => `${RAW}${text}`;

function expandRaw(spec: string): string {
  const deep = /^deep-(arrays|objects):(\d+)$/.exec(spec);
  if (deep === null) return spec;
  const n = Number(deep[2]);
  return deep[1] === "arrays" ? `${"[".repeat(n)}${"]".repeat(n)}` : `${'{"a":'.repeat(n)}0${"}".repeat(n)}`;
}

/**
 * JSON text of a value, each {@link rawJson} marker replaced by its text.
 *
 * @example
 * renderJsonText({ max_tokens: rawJson("1e400") }); // '{"max_tokens":1e400}'
 */
export function renderJsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000raw:([^"]*)"/g, (_, spec: string) => expandRaw(spec));
}

/** JSON values as JSON text carries them (no -0; as packages/protocol/src/testing/json-value-arb.ts). */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

/** The values a decoder most often mistakes for the field it expects, each likely. */
export const typeConfusionArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(null, [], {}, "", 0, true);

/**
 * What a decoder might not expect where it reads a field: any JSON value, type confusions, edge numbers
 * (also as raw text), words that are valid elsewhere (roles, block types), nesting from 90 to 100,000
 * levels, long strings.
 */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: jsonValue },
  { weight: 3, arbitrary: typeConfusionArb },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      ...[-1, 1.5, "x", [{}], [null], [[]], { role: "user" }],
      ...[1e308, -1e308, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 5e-324],
      ...["user", "assistant", "system", "developer", "model", "tool", "function"],
      ...[
        "text",
        "image_url",
        "image",
        "tool_use",
        "tool_result",
        "document",
        "thinking",
        "auto",
        "any",
        "none",
      ],
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom("1e400", "-1e400", "123456789012345678901234567890", "-0", "1E-400", "0.1e1")
      .map(rawJson),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom("arrays", "objects"),
        fc.oneof(fc.integer({ min: 90, max: 140 }), fc.integer({ min: 141, max: 100_000 })),
      )
      .map(([kind, n]) => rawJson(`deep-${kind}:${n}`)),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 5000 }) },
);
