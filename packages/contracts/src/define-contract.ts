import { z } from "zod";
import type { Access, Contract, HttpMethod } from "./contract.js";

interface ContractInput<P, Q, B, R, T> {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: 200 | 201 | 204 | 302;
  idempotent?: boolean;
  produces?: string;
  rawBody?: true;
  rawBodyType?: T;
  bodyLimit?: number;
}

/** A file-upload operation keeps its media type in its type, so the SDK types its body as bytes. */
type RawBodyTypeOf<T> = T extends string ? { readonly rawBodyType: T } : unknown;

const NO_PARAMS = z.object({}).strict();
const NO_QUERY = z.object({});

/**
 * Declares an operation, filling the defaults (no params, no query, 200) and checking that the path's
 * `:params` and the params schema name the same fields, so a typo fails at start-up, not in production.
 *
 * @example
 * export const getTenant = defineContract({ id: "tenants.get", method: "GET", path: "/api/tenants/:tenantId",
 *   tag: "Tenants", summary: "Get a tenant", access: { permission: "tenant:read" },
 *   params: z.object({ tenantId: Id }), response: TenantSchema });
 */
export function defineContract<
  R extends z.ZodType,
  P extends z.ZodType = typeof NO_PARAMS,
  Q extends z.ZodType = typeof NO_QUERY,
  B extends z.ZodType | undefined = undefined,
  T extends string | undefined = undefined,
>(
  input: ContractInput<P, Q, B, R, T>,
): Contract<P, Q, B extends z.ZodType ? B : z.ZodType, R> & RawBodyTypeOf<T> {
  const params = (input.params ?? NO_PARAMS) as P;
  const names = [...input.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  const declared = params instanceof z.ZodObject ? Object.keys(params.shape) : [];
  if (names.sort().join() !== declared.sort().join()) {
    throw new Error(`Contract ${input.id}: path ${input.path} and params schema disagree.`);
  }
  return {
    id: input.id,
    method: input.method,
    path: input.path,
    summary: input.summary,
    ...(input.description === undefined ? {} : { description: input.description }),
    tag: input.tag,
    access: input.access,
    params,
    query: (input.query ?? NO_QUERY) as Q,
    body: input.body as (B extends z.ZodType ? B : z.ZodType) | undefined,
    response: input.response,
    status: input.status ?? (input.method === "POST" && input.idempotent ? 201 : 200),
    idempotent: input.idempotent ?? false,
    ...(input.produces === undefined ? {} : { produces: input.produces }),
    ...(input.rawBody === undefined ? {} : { rawBody: input.rawBody }),
    ...(input.rawBodyType === undefined ? {} : { rawBodyType: input.rawBodyType }),
    ...(input.bodyLimit === undefined ? {} : { bodyLimit: input.bodyLimit }),
  } as Contract<P, Q, B extends z.ZodType ? B : z.ZodType, R> & RawBodyTypeOf<T>;
}
