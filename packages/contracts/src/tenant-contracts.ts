import { z } from "zod";
import { Id, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Tenants";
const TenantParams = z.object({ tenantId: Id });

export const TenantSchema = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  /** The caller's role in the tenant (absent for API keys). */
  role: z.string().optional(),
  /** `tenants.get` only: what the caller may do across the tenant (a console hides what it may not). */
  permissions: z.array(z.string()).optional(),
  /** `tenants.get` only: what the caller may do in each workspace where it holds a workspace role. */
  workspacePermissions: z.record(z.string(), z.array(z.string())).optional(),
});

export const listTenants = defineContract({
  id: "tenants.list",
  method: "GET",
  path: "/api/tenants",
  tag,
  summary: "The tenants you belong to",
  access: "user",
  query: z.object({ ...PageQuery }),
  response: pageOf(TenantSchema),
});

export const createTenant = defineContract({
  id: "tenants.create",
  method: "POST",
  path: "/api/tenants",
  tag,
  summary: "Create a tenant (you become its owner; it starts with a workspace named default)",
  access: "user",
  body: z.object({ name: Name }),
  response: TenantSchema,
  idempotent: true,
});

export const getTenant = defineContract({
  id: "tenants.get",
  method: "GET",
  path: "/api/tenants/:tenantId",
  tag,
  summary: "Get a tenant",
  access: { permission: "tenant:read" },
  params: TenantParams,
  response: TenantSchema,
});

export const updateTenant = defineContract({
  id: "tenants.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId",
  tag,
  summary: "Rename a tenant",
  access: { permission: "tenant:update" },
  params: TenantParams,
  body: z.object({ name: Name }),
  response: TenantSchema,
});

export const TENANT_CONTRACTS = [listTenants, createTenant, getTenant, updateTenant] as const;
