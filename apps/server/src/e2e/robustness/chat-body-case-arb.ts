import fc from "fast-check";
import type { SurfaceName } from "../routing/surface-client.js";
import { hostileValueArb, renderJsonText, typeConfusionArb } from "./hostile-json.js";
import { KEY_FIELDS, validChatBody } from "./valid-chat-body.js";

/** One request of the property: a surface, its path (with query) and the body bytes, with how they were made. */
export interface ChatBodyCase {
  surface: SurfaceName;
  path: string;
  body: Buffer;
  /** The recipe, shown (not the bytes, which can be 200 KB) when fast-check reports a counterexample. */
  how: string;
}

type Json = Record<string, unknown>;
type Path = Array<string | number>;

/** Field names an insertion uses: real ones in the wrong place, the gateway's own, prototype keys. */
const FIELD_NAMES = [
  "gatehouse",
  "role",
  "content",
  "type",
  "parts",
  "text",
  "stream",
  "model",
  "__proto__",
  "constructor",
  "x",
];

/** Every path to a value inside a document (not the root itself). */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = at.length > 0 ? [at] : [];
  if (typeof value !== "object" || value === null) return out;
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? [...value.entries()]
    : Object.entries(value);
  for (const [k, v] of entries) out.push(...paths(v, [...at, k]));
  return out;
}

/** Sets an own property (never the prototype, even for `__proto__`) to a copy: fast-check shares constants between runs. */
function put(node: Json | unknown[], key: string | number, value: unknown): void {
  const copy = structuredClone(value);
  Object.defineProperty(node, key, { value: copy, writable: true, enumerable: true, configurable: true });
}

/** Removes an element (the array closes up) or a field. */
function remove(node: Json | unknown[], key: string | number): void {
  if (Array.isArray(node)) node.splice(key as number, 1);
  else delete node[key as string];
}

interface Mutation {
  op: "replace" | "remove" | "insert";
  /** Whether to pick among paths at most two deep (top-level fields and their children) only. */
  shallow: boolean;
  /** Which path (modulo the number of paths at the time). */
  at: number;
  name: string;
  value: unknown;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("replace", "remove", "insert"),
  shallow: fc.boolean(),
  at: fc.nat(),
  name: fc.constantFrom(...FIELD_NAMES),
  value: hostileValueArb,
});

/** Applies a mutation to a (JSON-copied) document; returns its description. */
function mutate(doc: Json, m: Mutation): string {
  const all = paths(doc).filter((p) => !m.shallow || p.length <= 2);
  const containers = [
    [] as Path,
    ...all.filter((p) => typeof lookup(doc, p) === "object" && lookup(doc, p) !== null),
  ];
  const path =
    m.op === "insert" ? containers[m.at % containers.length]! : all[m.at % Math.max(all.length, 1)];
  if (path === undefined) return "(nothing to mutate)";
  const parent = (m.op === "insert" ? lookup(doc, path) : lookup(doc, path.slice(0, -1))) as Json | unknown[];
  const key = m.op === "insert" ? (Array.isArray(parent) ? parent.length : m.name) : path.at(-1)!;
  if (m.op === "remove") remove(parent, key);
  else put(parent, key, m.value);
  const shown = describe(m.value);
  return `${m.op} ${[...(m.op === "insert" ? path : path.slice(0, -1)), key].join(".")}${m.op === "remove" ? "" : ` = ${shown}`}`;
}

/** A short view of a value for the case's recipe. */
function describe(value: unknown): string {
  return typeof value === "string" && !value.startsWith("\u0000")
    ? JSON.stringify(value.slice(0, 40))
    : renderJsonText(value).slice(0, 60);
}

/** A key field set to a type confusion or any hostile value, or removed. */
function retypeArb(surface: SurfaceName): fc.Arbitrary<{ field: string; value: unknown; remove: boolean }> {
  return fc.record({
    field: fc.constantFrom(...KEY_FIELDS[surface]),
    value: fc.oneof({ weight: 3, arbitrary: typeConfusionArb }, { weight: 1, arbitrary: hostileValueArb }),
    remove: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  });
}

function retype(doc: Json, r: { field: string; value: unknown; remove: boolean }): string {
  const path = r.field.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const parent = lookup(doc, path.slice(0, -1)) as Json | unknown[];
  if (r.remove) {
    remove(parent, path.at(-1)!);
    return `remove ${r.field}`;
  }
  put(parent, path.at(-1)!, r.value);
  return `set ${r.field} = ${describe(r.value)}`;
}

function lookup(doc: unknown, path: Path): unknown {
  let node = doc as Record<string | number, unknown>;
  for (const k of path) node = node[k] as Record<string | number, unknown>;
  return node;
}

const PATHS: Record<Exclude<SurfaceName, "gemini">, string> = {
  openai: "/v1/chat/completions",
  anthropic: "/v1/messages",
};

function pathOf(surface: SurfaceName, model: string, stream: boolean): string {
  if (surface !== "gemini") return PATHS[surface];
  return `/v1beta/models/${encodeURIComponent(model)}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`;
}

/**
 * Chat requests for one surface, mostly bad: a valid body (1 in 17); one with 1–3 fields anywhere
 * replaced, removed or added (8 in 17; hostile values: wrong types, edge numbers, nesting from 90 to
 * 100,000 levels, long strings, `gatehouse` and `__proto__` keys); one with a key field (turns, roles,
 * tools, system: {@link KEY_FIELDS}) retyped or removed (4 in 17); any JSON value; valid JSON text cut
 * short; a byte inserted into valid text; or random bytes. `models` are the models the gateway serves;
 * an unknown one is mixed in.
 */
export function chatBodyCaseArb(surface: SurfaceName, models: readonly string[]): fc.Arbitrary<ChatBodyCase> {
  const head = fc.record({ model: fc.constantFrom(...models, "no-such-model"), stream: fc.boolean() });
  const make = (model: string, stream: boolean, body: string | Uint8Array, how: string): ChatBodyCase => {
    const c = { surface, path: pathOf(surface, model, stream), body: Buffer.from(body), how };
    return Object.assign(c, {
      [fc.toStringMethod]: () =>
        `${surface} ${c.path} [${how}] ${c.body.subarray(0, 300).toString("latin1")}`,
    });
  };
  const text = ({ model, stream }: { model: string; stream: boolean }) =>
    renderJsonText(validChatBody(surface, model, stream));
  return fc.oneof(
    { weight: 1, arbitrary: head.map((h) => make(h.model, h.stream, text(h), "valid")) },
    {
      weight: 8,
      arbitrary: fc.tuple(head, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([h, ms]) => {
        const doc = validChatBody(surface, h.model, h.stream);
        const how = ms.map((m) => mutate(doc, m)).join("; ");
        return make(h.model, h.stream, renderJsonText(doc), how);
      }),
    },
    {
      weight: 4,
      arbitrary: fc.tuple(head, retypeArb(surface)).map(([h, r]) => {
        const doc = validChatBody(surface, h.model, h.stream);
        const how = retype(doc, r); // before rendering: it changes doc
        return make(h.model, h.stream, renderJsonText(doc), how);
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(head, hostileValueArb)
        .map(([h, v]) => make(h.model, h.stream, renderJsonText(v), "any JSON")),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(head, fc.nat()).map(([h, n]) => {
        const t = text(h);
        return make(h.model, h.stream, t.slice(0, n % t.length), `cut at ${n % t.length}`);
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(head, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([h, n, byte]) => {
        const t = Buffer.from(text(h));
        const at = n % t.length;
        return make(
          h.model,
          h.stream,
          Buffer.concat([t.subarray(0, at), Buffer.of(byte), t.subarray(at)]),
          `byte ${byte} at ${at}`,
        );
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(head, fc.uint8Array({ maxLength: 300 }))
        .map(([h, b]) => make(h.model, h.stream, b, "random bytes")),
    },
  );
}
