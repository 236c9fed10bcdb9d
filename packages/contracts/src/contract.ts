import type { z } from "zod";
import type { Permission } from "./permissions.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call an operation: anyone (`public`: sign-up, login, accepting an invitation), any signed-in
 * user whatever their tenants (`user`: their own profile, creating a tenant), or a principal holding a
 * permission in the tenant (and workspace) named by the path's `:tenantId` (and `:workspaceId`). With
 * `operator: true`, the permission is checked in the installation's operator tenant (its first tenant)
 * whatever the path names: installation-wide settings such as billing plans; anyone else gets 403.
 */
export type Access = "public" | "user" | { permission: Permission; operator?: true };

/**
 * One control-plane operation: the only way a route exists (the server registers routes from these), the
 * SDK's method signatures, and the OpenAPI document's operations.
 */
export interface Contract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  /** Stable id, `<resource>.<verb>`: the SDK method and the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Fastify-style path: `/api/tenants/:tenantId/keys/:keyId`. */
  readonly path: string;
  readonly summary: string;
  /** A longer description for the reference page. */
  readonly description?: string;
  /** The reference page's section. */
  readonly tag: string;
  readonly access: Access;
  readonly params: P;
  readonly query: Q;
  /** Undefined for operations without a body. */
  readonly body: B | undefined;
  /** The success body; `null` schema for 204; `{ location }` for 302. */
  readonly response: R;
  /**
   * 200 by default; 201 for creates; 204 for operations that answer nothing; 302 for the browser steps
   * of single sign-on, whose handler returns `{ location }` (sent as the Location header, no body).
   */
  readonly status: 200 | 201 | 204 | 302;
  /** Creates accept an `Idempotency-Key` header: a retry with the same key answers the first result. */
  readonly idempotent: boolean;
  /** The response is not JSON (a CSV export, a PDF): its media type. */
  readonly produces?: string;
  /**
   * The handler gets the request's exact bytes and headers instead of a parsed JSON body (a webhook whose
   * signature covers the raw body). Such an operation declares no body schema.
   */
  readonly rawBody?: true;
  /** A `rawBody` operation's request media type when it is not JSON (an uploaded file's bytes). */
  readonly rawBodyType?: string;
  /**
   * The largest request body, in bytes, when this operation needs more than the control plane's 1 MiB
   * (an import of conversations); a larger body is refused with 413 before it is read.
   */
  readonly bodyLimit?: number;
}

export type Params<C extends Contract> = z.infer<C["params"]>;
export type Query<C extends Contract> = z.input<C["query"]>;
export type Body<C extends Contract> = z.input<NonNullable<C["body"]>>;
export type ParsedBody<C extends Contract> = z.output<NonNullable<C["body"]>>;
export type ParsedQuery<C extends Contract> = z.output<C["query"]>;
export type Result<C extends Contract> = z.output<C["response"]>;
