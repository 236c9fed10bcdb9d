import { z } from "zod";
import { Id, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { ModelPatterns } from "./model-patterns.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "API keys";

/** An IPv4 or IPv6 range in CIDR notation, or a single address. Checked fully by the server. */
const Cidr = z.string().min(2).max(64);
const Metadata = z
  .record(z.string().max(64), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 32, "At most 32 entries.");

export const ApiKeySchema = z.object({
  id: Id,
  tenantId: Id,
  workspaceId: Id,
  userId: Id.nullable(),
  serviceAccountId: Id.nullable(),
  name: z.string(),
  /** The first characters of the key, to recognise it. The key itself is shown once, at creation. */
  prefix: z.string(),
  allowedModels: z.array(z.string()).nullable(),
  allowedCidrs: z.array(z.string()).nullable(),
  metadata: z.record(z.string(), z.string()),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  status: z.enum(["active", "revoked", "expired"]),
});

/** A key with its secret: answered once, by create and rotate. */
export const IssuedKeySchema = z.object({ key: ApiKeySchema, secret: z.string() });

const KeyParams = z.object({ tenantId: Id, keyId: Id });

const KeySettings = {
  expiresAt: Timestamp.nullable().optional(),
  allowedModels: ModelPatterns.nullable().optional(),
  allowedCidrs: z.array(Cidr).max(50).nullable().optional(),
  metadata: Metadata.optional(),
};

export const listKeys = defineContract({
  id: "keys.list",
  method: "GET",
  path: "/api/tenants/:tenantId/keys",
  tag,
  summary: "List API keys (those of the workspaces you may read)",
  access: { permission: "keys:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({
    ...PageQuery,
    workspaceId: Id.optional(),
    userId: Id.optional(),
    status: z.enum(["active", "revoked", "expired"]).optional(),
  }),
  response: pageOf(ApiKeySchema),
});

export const createKey = defineContract({
  id: "keys.create",
  method: "POST",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/keys",
  tag,
  summary: "Create an API key in a workspace (the secret is shown only in this answer)",
  access: { permission: "keys:create" },
  params: z.object({ tenantId: Id, workspaceId: Id }),
  body: z.object({ name: Name, ...KeySettings }),
  response: IssuedKeySchema,
  idempotent: true,
});

export const getKey = defineContract({
  id: "keys.get",
  method: "GET",
  path: "/api/tenants/:tenantId/keys/:keyId",
  tag,
  summary: "Get an API key",
  access: { permission: "keys:read" },
  params: KeyParams,
  response: ApiKeySchema,
});

export const updateKey = defineContract({
  id: "keys.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/keys/:keyId",
  tag,
  summary: "Change a key's name, expiry, allowed models, allowed IP ranges or metadata",
  description: "Members may change their own keys; keys:manage changes any key of the workspace.",
  access: { permission: "keys:create" },
  params: KeyParams,
  body: z.object({ name: Name.optional(), ...KeySettings }),
  response: ApiKeySchema,
});

export const rotateKey = defineContract({
  id: "keys.rotate",
  method: "POST",
  path: "/api/tenants/:tenantId/keys/:keyId/rotate",
  tag,
  summary: "Issue a replacement key; the old one keeps working for the grace period",
  access: { permission: "keys:create" },
  params: KeyParams,
  body: z.object({ gracePeriodSeconds: z.number().int().min(0).max(604_800).default(3600) }),
  response: IssuedKeySchema,
  status: 201,
});

export const revokeKey = defineContract({
  id: "keys.revoke",
  method: "POST",
  path: "/api/tenants/:tenantId/keys/:keyId/revoke",
  tag,
  summary: "Revoke a key (refused everywhere within a second)",
  access: { permission: "keys:create" },
  params: KeyParams,
  response: ApiKeySchema,
});

export const API_KEY_CONTRACTS = [listKeys, createKey, getKey, updateKey, rotateKey, revokeKey] as const;
