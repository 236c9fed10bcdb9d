import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import type { Contract, ParsedQuery, Permission, Result } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type ApiIssue, sendApiError } from "./api-error-body.js";
import { type ApiPrincipal, principalId } from "./api-principal.js";
import { checkAccess } from "./check-access.js";
import {
  type ContractAnswer,
  type ContractReply,
  type ContractStreamReply,
  toContractAnswer,
} from "./contract-answer.js";
import { decodeJsonBody, MAX_API_BODY_BYTES } from "./decode-json-body.js";
import { idempotencyKeyOf, requestFingerprint } from "./idempotency.js";
import { IDEMPOTENCY_TTL_MS, type IdempotencyCache } from "./idempotency-cache.js";
import { parseAgainst } from "./parse-against.js";

export type { ContractReply, ContractStreamReply } from "./contract-answer.js";

// biome-ignore lint/suspicious/noExplicitAny: the widest contract, so any operation's handler fits a map of handlers.
type AnyContract = Contract<any, any, any, any>;

/**
 * The parsed body of an operation: its body schema's output (unknown for an operation without a body).
 * Not the package's ParsedBody, which tests `C["body"]` itself, always `B | undefined`, and so is never
 * the schema's output.
 */
export type ContractBody<C extends Contract> =
  NonNullable<C["body"]> extends z.ZodType ? z.output<NonNullable<C["body"]>> : undefined;

/** What a handler is given: the request parsed by the contract's schemas, who calls, in which tenant. */
/** Who sent a call, as handlers may see it. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  id: string;
  /** A browser navigation (Accept: text/html): redirecting operations answer their failures as a page. */
  wantsHtml: boolean;
}

export interface ContractInput<C extends Contract = AnyContract> {
  params: z.output<C["params"]>;
  query: ParsedQuery<C>;
  body: ContractBody<C>;
  /** Null only for public operations. */
  principal: ApiPrincipal | null;
  /** The tenant the operation acts in: the path's, or the calling key's; null when none. */
  tenantId: string | null;
  request: RequestMeta;
  /** For a `rawBody` operation only: the exact bytes received (empty when none) and the headers. */
  raw?: { body: Buffer; headers: IncomingHttpHeaders };
}

/**
 * The code behind one operation. It returns its result (sent with the contract's status, through the
 * response schema) or, for a text export, a {@link ContractReply}; it throws GatewayError for failures.
 */
export type ContractHandler<C extends Contract = AnyContract> = (
  input: ContractInput<C>,
) => Promise<Result<C> | ContractReply | ContractStreamReply>;

/** What the router needs from the rest of the server. */
export interface RouterDeps {
  /**
   * The caller, from the request's headers (and the TCP peer's address, which a key's allowed ranges
   * must contain); null when no credentials were presented.
   */
  authenticate(headers: IncomingHttpHeaders, clientIp: string): Promise<ApiPrincipal | null>;
  /** Whether the principal holds the permission in the tenant (and workspace); `no_access` answers 404. */
  authorize(
    principal: ApiPrincipal,
    check: { tenantId: string; workspaceId?: string; permission: Permission },
  ): Promise<"allowed" | "forbidden" | "no_access">;
  idempotency: IdempotencyCache;
  /** The installation's operator tenant (its first), for `operator` operations; none: they answer 403. */
  operatorTenant?: () => Promise<string | null>;
}

/**
 * Registers the route of one contract. Per request, in this order: authenticate from the headers, before
 * any body byte is read (onRequest; public operations skip it) → check the path parameters' shape →
 * check access (404 for a tenant the caller cannot see, 403 for a missing permission) → decode the body
 * and check query and body against their schemas (400 with every issue) → replay or refuse a repeated
 * `Idempotency-Key` → run the handler → send its result through the response schema. Every answer
 * carries `cache-control: no-store` and `x-robots-tag: noindex`. Failures are thrown as GatewayError for the app's error handler,
 * except validation failures, answered here with their issues.
 *
 * @example
 * registerContract(app, getTenant, async ({ params }) => tenants.get(params.tenantId), deps);
 */
export function registerContract<C extends Contract>(
  app: FastifyInstance,
  contract: C,
  handler: ContractHandler<C>,
  deps: RouterDeps,
): void {
  const principals = new WeakMap<FastifyRequest, ApiPrincipal>();
  app.route({
    method: contract.method,
    url: contract.path,
    bodyLimit: contract.bodyLimit ?? MAX_API_BODY_BYTES,
    onRequest: async (req, reply) => {
      reply.header("cache-control", "no-store");
      // API answers are data, never pages to index (a public share link's snapshot included).
      reply.header("x-robots-tag", "noindex");
      if (contract.access === "public") return;
      const principal = await deps.authenticate(req.headers, req.ip);
      if (principal === null) throw new GatewayError("unauthenticated");
      principals.set(req, principal);
    },
    handler: async (req, reply) => {
      const principal = principals.get(req) ?? null;
      const params = parseAgainst(contract.params, req.params, "params");
      if (!params.ok) return invalid(req, reply, params.issues);
      const tenantId = await checkAccess(
        contract.access,
        principal,
        params.value as Record<string, unknown>,
        deps.authorize,
        deps.operatorTenant,
      );
      const query = parseAgainst(contract.query, req.query, "query");
      const body =
        contract.body === undefined
          ? ({ ok: true, value: undefined } as const)
          : parseAgainst(contract.body, decodeJsonBody(req.body, req.headers["content-type"]), "body");
      const issues = [...(query.ok ? [] : query.issues), ...(body.ok ? [] : body.issues)];
      if (!query.ok || !body.ok) return invalid(req, reply, issues);

      const input: ContractInput<C> = {
        params: params.value as ContractInput<C>["params"],
        query: query.value as ContractInput<C>["query"],
        body: body.value as ContractBody<C>,
        principal,
        tenantId,
        request: {
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
          id: req.id,
          wantsHtml: (req.headers.accept ?? "").includes("text/html"),
        },
        ...(contract.rawBody && {
          raw: { body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), headers: req.headers },
        }),
      };
      const run = async () => toContractAnswer(contract, await handler(input));
      const key = contract.idempotent && principal !== null ? idempotencyKeyOf(req.headers) : undefined;
      if (key === undefined || principal === null) return send(reply, await run());

      const cacheKey = `${principalId(principal)}:${contract.id}:${key}`;
      const fingerprint = requestFingerprint(params.value, body.value);
      // In flight first, then look: a duplicate arriving while the first runs is refused, not run twice.
      if (!deps.idempotency.begin(cacheKey)) {
        throw new GatewayError("conflict", "A request with this Idempotency-Key is still in progress.");
      }
      try {
        const stored = await deps.idempotency.get(cacheKey);
        if (stored !== undefined) {
          if (stored.fingerprint !== fingerprint) {
            throw new GatewayError("conflict", "Idempotency-Key reused with a different request");
          }
          reply.header("idempotent-replayed", "true");
          return send(reply, stored);
        }
        const answer = await run();
        // Binary answers (exports) are never created idempotently; only text is kept for replay.
        if (answer.status >= 200 && answer.status < 300 && !Buffer.isBuffer(answer.body)) {
          await deps.idempotency.put(
            cacheKey,
            { ...answer, body: answer.body, fingerprint },
            IDEMPOTENCY_TTL_MS,
          );
        }
        return send(reply, answer);
      } finally {
        deps.idempotency.end(cacheKey);
      }
    },
  });
}

function send(reply: FastifyReply, answer: ContractAnswer): FastifyReply {
  reply.code(answer.status);
  if (answer.location !== undefined) reply.header("location", answer.location);
  if (answer.contentType !== null) reply.header("content-type", answer.contentType);
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  // A byte stream (not object mode): it buffers ~64 KiB ahead of the socket, then waits for the client.
  if (answer.stream !== undefined) return reply.send(Readable.from(answer.stream, { objectMode: false }));
  return answer.body === null ? reply.send() : reply.send(answer.body);
}

function invalid(req: FastifyRequest, reply: FastifyReply, issues: readonly ApiIssue[]): FastifyReply {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  const message = first === undefined ? "The request is invalid." : `${first.path}: ${first.message}${more}`;
  return sendApiError(req, reply, new GatewayError("invalid_request", message), issues);
}
