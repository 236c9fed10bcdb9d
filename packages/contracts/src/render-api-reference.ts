import { z } from "zod";
import type { Contract } from "./contract.js";

type JsonSchema = { [key: string]: unknown };

/** The markers between which docs/api.md holds the generated reference. */
export const API_REFERENCE_MARKERS = {
  start: "<!-- api-reference:start (generated from packages/contracts: npm run docs) -->",
  end: "<!-- api-reference:end -->",
} as const;

/**
 * The control plane's reference as Markdown: one section per tag, one entry per operation with its
 * method and path, who may call it, whether it takes an `Idempotency-Key`, and the fields of its query
 * and body as a client sends them. Generated, so docs/api.md cannot drift from the routes (a test
 * compares them).
 *
 * @example
 * const md = renderApiReference(CONTRACTS); // "### Tenants\n\n#### `tenants.list` …"
 */
export function renderApiReference(contracts: readonly Contract[]): string {
  const tags: string[] = [];
  for (const c of contracts) if (!tags.includes(c.tag)) tags.push(c.tag);
  const sections = tags.map((tag) => {
    const entries = contracts.filter((c) => c.tag === tag).map(renderOperation);
    return [`### ${tag}`, ...entries].join("\n\n");
  });
  return `${sections.join("\n\n")}\n`;
}

function renderOperation(c: Contract): string {
  const lines = [
    `#### \`${c.id}\` — ${c.summary}`,
    "",
    `\`${c.method} ${c.path}\` · ${accessOf(c)} · answers ${c.status}${c.produces ? ` (${c.produces})` : ""}` +
      `${c.idempotent ? " · accepts `Idempotency-Key`" : ""}`,
  ];
  if (c.description) lines.push("", c.description);
  const query = fieldsOf(c.query);
  if (query.length > 0) lines.push("", `Query: ${query.join(", ")}`);
  if (c.body !== undefined) {
    const body = fieldsOf(c.body);
    lines.push("", body.length > 0 ? `Body: ${body.join(", ")}` : "Body: a JSON object");
  }
  return lines.join("\n");
}

function accessOf(c: Contract): string {
  if (c.access === "public") return "public";
  if (c.access === "user") return "any signed-in user";
  if (c.access.operator)
    return `operator only: needs \`${c.access.permission}\` in the installation's first tenant`;
  return `needs \`${c.access.permission}\``;
}

/** `name` (type, optional) for each top-level field, as the client may send it. */
function fieldsOf(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(
    ([name, prop]) => `\`${name}\` (${typeOf(prop)}${required.has(name) ? "" : ", optional"})`,
  );
}

function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum))
    return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(" \\| ");
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) return variants.map(typeOf).join(" \\| ");
  if (schema.type === "array") return `${typeOf((schema.items ?? {}) as JsonSchema)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(" \\| ");
  if (typeof schema.type === "string") return schema.type;
  return "any";
}
