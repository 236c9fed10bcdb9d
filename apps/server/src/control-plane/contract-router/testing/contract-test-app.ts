import { defineContract, Id, Name } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import { fastifyErrorToGatewayError } from "../../../data-plane/fastify-error.js";
import { sendApiError } from "../api-error-body.js";
import type { ApiPrincipal } from "../api-principal.js";
import { createMemoryIdempotencyCache } from "../idempotency-cache.js";
import type { RouterDeps } from "../register-contract.js";

export const TENANT = `ten_${"A".repeat(20)}`;
export const OTHER_TENANT = `ten_${"B".repeat(20)}`;
export const WORKSPACE = `ws_${"C".repeat(20)}`;
export const THING = `thg_${"D".repeat(20)}`;

export const USER: ApiPrincipal = { kind: "user", userId: `usr_${"E".repeat(20)}`, sessionId: "ses_1" };
/** A user who may read things but not create them. */
export const READER: ApiPrincipal = { kind: "user", userId: `usr_${"F".repeat(20)}`, sessionId: "ses_2" };
export const KEY: ApiPrincipal = {
  kind: "api_key",
  keyId: `key_${"G".repeat(20)}`,
  tenantId: TENANT,
  workspaceId: WORKSPACE,
  serviceAccountId: null,
  userId: null,
};

/** `authorization` headers the fake authenticate knows. */
export const AS = {
  user: { authorization: "Bearer user" },
  reader: { authorization: "Bearer reader" },
  key: { authorization: "Bearer key" },
} as const;

export const ThingSchema = z.object({ id: Id, name: z.string(), size: z.number().int().nullable() });

export const createThing = defineContract({
  id: "things.create",
  method: "POST",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/things",
  tag: "Things",
  summary: "Create a <thing>",
  access: { permission: "keys:create" },
  params: z.object({ tenantId: Id, workspaceId: Id }),
  body: z.object({ name: Name, size: z.number().int().min(0).optional() }),
  response: ThingSchema,
  idempotent: true,
});

export const getThing = defineContract({
  id: "things.get",
  method: "GET",
  path: "/api/tenants/:tenantId/things/:thingId",
  tag: "Things",
  summary: "Get a thing",
  access: { permission: "keys:read" },
  params: z.object({ tenantId: Id, thingId: Id }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(10).optional() }),
  response: ThingSchema,
});

export const deleteThing = defineContract({
  id: "things.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/things/:thingId",
  tag: "Things",
  summary: "Delete a thing",
  access: { permission: "keys:create" },
  params: z.object({ tenantId: Id, thingId: Id }),
  response: z.null(),
  status: 204,
});

export const exportThings = defineContract({
  id: "things.export",
  method: "GET",
  path: "/api/tenants/:tenantId/things/export",
  tag: "Things",
  summary: "Things as CSV",
  access: { permission: "keys:read" },
  params: z.object({ tenantId: Id }),
  response: z.string(),
  produces: "text/csv",
});

export const countThings = defineContract({
  id: "things.count",
  method: "GET",
  path: "/api/things/count",
  tag: "Things",
  summary: "Count the things of the calling key's tenant",
  access: { permission: "keys:read" },
  response: z.object({ tenantId: Id, count: z.number().int() }),
});

export const getMe = defineContract({
  id: "me.get",
  method: "GET",
  path: "/api/me",
  tag: "Me",
  summary: "Who am I",
  access: "user",
  response: z.object({ userId: z.string() }),
});

export const getStatus = defineContract({
  id: "status.get",
  method: "GET",
  path: "/api/status",
  tag: "Status",
  summary: "Public status",
  access: "public",
  response: z.object({ ok: z.boolean() }),
});

export const TEST_CONTRACTS = [
  createThing,
  getThing,
  deleteThing,
  exportThings,
  countThings,
  getMe,
  getStatus,
] as const;

/** Fake authentication and authorization, counting their calls. */
export function fakeDeps(now: () => number = () => 0) {
  const calls = { authenticate: 0, authorize: 0 };
  const deps: RouterDeps = {
    async authenticate(headers) {
      calls.authenticate++;
      const token = headers.authorization?.replace(/^Bearer /, "");
      if (token === "user") return USER;
      if (token === "reader") return READER;
      if (token === "key") return KEY;
      return null;
    },
    async authorize(principal, check) {
      calls.authorize++;
      if (check.tenantId !== TENANT) return "no_access";
      if (check.workspaceId !== undefined && check.workspaceId !== WORKSPACE) return "no_access";
      if (
        principal.kind === "user" &&
        principal.userId === READER.userId &&
        check.permission !== "keys:read"
      ) {
        return "forbidden";
      }
      return "allowed";
    },
    idempotency: createMemoryIdempotencyCache({ now }),
  };
  return { deps, calls };
}

/**
 * A bare Fastify app configured as createApp's: bodies kept as bytes by a `*` parser (which counts the
 * bodies it reads), and an error handler answering the `/api/` error shape with the request id.
 */
export function bareApp(): { app: FastifyInstance; bodiesRead: () => number } {
  let read = 0;
  const app = Fastify({ logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => {
    read++;
    done(null, body);
  });
  app.setErrorHandler((err, req, reply) => {
    sendApiError(req, reply, fastifyErrorToGatewayError(err));
  });
  app.setNotFoundHandler((req, reply) => {
    sendApiError(req, reply, new GatewayError("not_found", `No route for ${req.method} ${req.url}.`));
  });
  return { app, bodiesRead: () => read };
}
