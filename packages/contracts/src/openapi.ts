import { z } from "zod";
import { ApiErrorSchema } from "./common.js";
import type { Contract } from "./contract.js";

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, OpenApiMediaType>;
  headers?: Record<string, { description: string; schema: { type: "string" } }>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: OpenApiParameter[];
  requestBody?: { required: true; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
  security: Array<Record<string, string[]>>;
  /** The permission the caller must hold in the path's tenant (and workspace). */
  "x-gatehouse-permission"?: string;
  /** Who may call: anyone, any signed-in user, or a holder of the permission. */
  "x-gatehouse-access": "public" | "user" | "permission";
  /** The permission is checked in the installation's operator tenant (its first), not the path's. */
  "x-gatehouse-operator"?: true;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string };
  servers?: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; description: string }>;
  };
}

/** The error answers every operation may give, by status, and what each means. */
export const API_ERROR_STATUSES: Readonly<Record<string, string>> = Object.freeze({
  "400": "Invalid request: a parameter or the body does not match this operation (see `issues`).",
  "401": "Unauthenticated: no credentials, or an unknown, expired or revoked token or key.",
  "403": "Permission denied: the caller lacks the permission in this tenant or workspace.",
  "404": "Not found: the resource does not exist, or belongs to a tenant the caller cannot see.",
  "409": "Conflict: the resource conflicts with another, or an Idempotency-Key was reused.",
  "429": "Rate limited: retry after the time in the Retry-After header.",
});

const BODY_ERROR_STATUSES: Readonly<Record<string, string>> = Object.freeze({
  "413": "Payload too large: the body exceeds 1 MiB.",
  "415": "Unsupported media type: send the body as application/json.",
});

const API_ERROR_REF = { $ref: "#/components/schemas/ApiError" };

/**
 * The OpenAPI 3.1 document of a set of contracts: one operation per contract (its id as operationId),
 * request schemas as the client may send them (zod `io: "input"`: defaults make a field optional),
 * response schemas as the server answers (`io: "output"`), the shared `ApiError` answer for failures,
 * and bearer authentication on every operation that is not public. What zod cannot express in JSON
 * Schema (a transform's output, a custom check) becomes `{}` instead of throwing.
 *
 * @example
 * const doc = buildOpenApiDocument(CONTRACTS, { title: "Gatehouse API", version: "1.0.0" });
 * doc.paths["/api/tenants/{tenantId}"].get.operationId; // "tenants.get"
 */
export function buildOpenApiDocument(
  contracts: readonly Contract[],
  info: { title: string; version: string; serverUrl?: string },
): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = {};
  const embed = (schema: z.ZodType, io: "input" | "output", name: string) =>
    embedJsonSchema(z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema, name, schemas);
  schemas.ApiError = embed(ApiErrorSchema, "output", "ApiError");

  const paths: OpenApiDocument["paths"] = {};
  const tags: string[] = [];
  for (const contract of contracts) {
    if (!tags.includes(contract.tag)) tags.push(contract.tag);
    const path = toOpenApiPath(contract.path);
    paths[path] ??= {};
    paths[path][contract.method.toLowerCase()] = buildOperation(contract, embed);
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version },
    ...(info.serverUrl === undefined ? {} : { servers: [{ url: info.serverUrl }] }),
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "`Authorization: Bearer <token>` with either a user access token (from sign-in or SSO) or a " +
            "gateway API key (a workspace key or a service account's key).",
        },
      },
    },
  };
}

type Embed = (schema: z.ZodType, io: "input" | "output", name: string) => JsonSchema;

function buildOperation(contract: Contract, embed: Embed): OpenApiOperation {
  const parameters = [
    ...objectParameters(embed(contract.params, "input", `${contract.id}.params`), "path"),
    ...objectParameters(embed(contract.query, "input", `${contract.id}.query`), "query"),
  ];
  if (contract.idempotent) {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Up to 200 printable ASCII characters; a retry with the same key answers the first result.",
      schema: { type: "string", minLength: 1, maxLength: 200 },
    });
  }
  const access = contract.access;
  return {
    operationId: contract.id,
    summary: contract.summary,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    tags: [contract.tag],
    parameters,
    ...(contract.rawBody
      ? // Bytes the handler reads itself: a file (rawBodyType), or the JSON a sender signed (a Stripe event).
        {
          requestBody: {
            required: true,
            content:
              contract.rawBodyType === undefined
                ? { "application/json": { schema: { type: "object" } } }
                : { [contract.rawBodyType]: { schema: { type: "string", format: "binary" } } },
          },
        }
      : contract.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: embed(contract.body, "input", `${contract.id}.body`) },
              },
            },
          }),
    responses: {
      [String(contract.status)]: successResponse(contract, embed),
      ...errorResponses(contract.body === undefined ? API_ERROR_STATUSES : ERRORS_WITH_BODY),
    },
    security: access === "public" ? [] : [{ bearerAuth: [] }],
    "x-gatehouse-access": typeof access === "object" ? "permission" : access,
    ...(typeof access === "object" ? { "x-gatehouse-permission": access.permission } : {}),
    ...(typeof access === "object" && access.operator ? { "x-gatehouse-operator": true } : {}),
  };
}

const ERRORS_WITH_BODY = { ...API_ERROR_STATUSES, ...BODY_ERROR_STATUSES };

function successResponse(contract: Contract, embed: Embed): OpenApiResponse {
  if (contract.status === 204) return { description: "Done; no content." };
  if (contract.status === 302) {
    return {
      description: "Redirect; no content.",
      headers: { Location: { description: "Where the browser goes next.", schema: { type: "string" } } },
    };
  }
  if (contract.produces !== undefined) {
    return { description: "Success.", content: { [contract.produces]: { schema: { type: "string" } } } };
  }
  const schema = embed(contract.response, "output", `${contract.id}.response`);
  return { description: "Success.", content: { "application/json": { schema } } };
}

function errorResponses(statuses: Readonly<Record<string, string>>): Record<string, OpenApiResponse> {
  const out: Record<string, OpenApiResponse> = {};
  for (const [status, description] of Object.entries(statuses)) {
    out[status] = { description, content: { "application/json": { schema: { ...API_ERROR_REF } } } };
  }
  return out;
}

/** One parameter per property of an object schema; required as the schema says (path ones always). */
function objectParameters(schema: JsonSchema, where: "path" | "query"): OpenApiParameter[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

/** `/api/tenants/:tenantId` → `/api/tenants/{tenantId}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

/**
 * A standalone JSON Schema made fit to sit inside the document: `$schema` dropped, its `$defs` moved to
 * `components.schemas` (named after `name`, or after their zod `id` when that is free) and every `$ref`
 * rewritten to point there; a schema that refers to itself (`$ref: "#"`) becomes a component of its own.
 */
function embedJsonSchema(
  schema: JsonSchema,
  name: string,
  components: Record<string, JsonSchema>,
): JsonSchema {
  const { $schema: _dialect, $defs, ...root } = schema;
  const renamed = new Map<string, string>();
  for (const [def, value] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    const wanted = def.startsWith("__schema") ? `${name}.${def.replace(/^_+/, "")}` : def;
    const taken =
      components[wanted] !== undefined && JSON.stringify(components[wanted]) !== JSON.stringify(value);
    renamed.set(def, taken ? `${name}.${def}` : wanted);
  }
  let selfReferent = false;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== "object" || node === null) return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        if (value === "#") selfReferent = true;
        const def = value.startsWith("#/$defs/") ? value.slice("#/$defs/".length) : undefined;
        const target = value === "#" ? name : def === undefined ? undefined : renamed.get(def);
        out[key] = target === undefined ? value : `#/components/schemas/${target}`;
      } else out[key] = rewrite(value);
    }
    return out;
  };
  for (const [def, value] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    components[renamed.get(def)!] = rewrite(value) as JsonSchema;
  }
  const embedded = rewrite(root) as JsonSchema;
  if (!selfReferent) return embedded;
  components[name] = embedded;
  return { $ref: `#/components/schemas/${name}` };
}
