import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { checkConfigRelations, type PathIssue } from "./check-config-relations.js";
import { configSchema, type GatehouseConfig } from "./config-schema.js";
import { type Locate, yamlLocator } from "./locate-yaml-path.js";

/** One problem in the file, where it is: 1-based line and column, and the data path (`models[0].name`). */
export interface ConfigFileError {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type ParseConfigResult =
  | { ok: true; config: GatehouseConfig; locate: Locate }
  | { ok: false; errors: ConfigFileError[] };

/** Hints for unknown keys people are likely to write. */
const UNKNOWN_KEY_HINTS: Record<string, string> = {
  apiKey: "credentials go under credentials: { apiKey: { env: VARIABLE_NAME } }",
  api_key: "credentials go under credentials: { apiKey: { env: VARIABLE_NAME } }",
  balanceStrategy: "the key is strategy",
  fallbackModels: "the key is fallbacks",
  contextFallbackModel: "the key is contextFallback",
  inputPricePerMTok: "prices go under prices: { input, output } in USD per million tokens",
};

/**
 * Reads a `gatehouse.yaml` text into a validated configuration, or lists every problem in it (YAML
 * syntax, then the schema's and the relations' problems together), each with its line and column. The
 * whole file is refused when anything is wrong. Prices keep their decimal text from the YAML source, so
 * `input: 0.15` is parsed as the string "0.15", never through a float. No message quotes a value of the
 * file, so a pasted secret is never echoed.
 *
 * @example
 * const r = parseConfigFile("version: 1\nproviders: []\n");
 * if (!r.ok) for (const e of r.errors) console.log(`${e.line}:${e.column} ${e.path}: ${e.message}`);
 */
export function parseConfigFile(text: string): ParseConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { line, column: col, path: "", message: e.message.split("\n")[0]! };
      }),
    };
  }
  keepPriceText(doc);
  const converted = toPlainValue(doc, lineCounter);
  if (!converted.ok) return { ok: false, errors: converted.errors };
  const raw = converted.value;
  const locate = yamlLocator(doc, lineCounter);
  const parsed = configSchema.safeParse(raw, {
    error: (issue) =>
      (issue.code === "invalid_type" || issue.code === "invalid_union") && issue.input === undefined
        ? "is required"
        : undefined,
  });
  const issues: Array<z.core.$ZodIssue | PathIssue> = [
    ...(parsed.success ? [] : parsed.error.issues),
    ...checkConfigRelations(raw),
  ];
  if (issues.length === 0 && parsed.success) return { ok: true, config: parsed.data, locate };
  const errors = issues.flatMap((issue) => toFileErrors(issue, locate));
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}

/**
 * The document as plain values. `toJS` throws on an alias whose anchor is not set before it
 * (`version: *x`) and on an alias bomb past 100 expansions; both are problems of the file, answered
 * like the others: the unresolved alias at its own line, the bomb at the document's start.
 */
function toPlainValue(
  doc: Document,
  lineCounter: LineCounter,
): { ok: true; value: unknown } | { ok: false; errors: ConfigFileError[] } {
  const errors: ConfigFileError[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined || !alias.range) return;
      const { line, col } = lineCounter.linePos(alias.range[0]);
      errors.push({ line, column: col, path: "", message: "this alias refers to no anchor set before it" });
    },
  });
  if (errors.length > 0) return { ok: false, errors };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch {
    return {
      ok: false,
      errors: [{ line: 1, column: 1, path: "", message: "aliases expand past 100 nodes" }],
    };
  }
}

/** Prices written as YAML numbers keep their source text ("0.15"), parsed later as exact decimals. */
function keepPriceText(doc: Document): void {
  const models = doc.get("models", true);
  if (!isSeq(models)) return;
  for (const m of models.items) {
    const prices = isMap(m) ? m.get("prices", true) : undefined;
    if (!isMap(prices)) continue;
    for (const pair of prices.items) {
      const v = pair.value;
      if (isScalar(v) && typeof v.value === "number" && typeof v.source === "string") v.value = v.source;
    }
  }
}

function toFileErrors(issue: z.core.$ZodIssue | PathIssue, locate: Locate): ConfigFileError[] {
  const path = issue.path as (string | number)[];
  if ("code" in issue && issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const hint = UNKNOWN_KEY_HINTS[key];
      return {
        ...locate(path, key),
        path: formatPath([...path, key]),
        message: `unknown key '${key}'${hint ? ` (${hint})` : ""}`,
      };
    });
  }
  return [{ ...locate(path), path: formatPath(path), message: issue.message }];
}

/**
 * A data path as written in messages: `providers[0].credentials.apiKey`.
 *
 * @example formatPath(["models", 2, "prices", "input"]) // "models[2].prices.input"
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join("");
}
