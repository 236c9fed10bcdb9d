import { z } from "zod";
import { Empty, Id, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PERMISSIONS } from "./permissions.js";

const tag = "Roles";

export const RoleSchema = z.object({
  /** A built-in role's name, or a custom role's id. */
  id: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  createdAt: Timestamp.nullable(),
});

const Permissions = z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length);

export const listRoles = defineContract({
  id: "roles.list",
  method: "GET",
  path: "/api/tenants/:tenantId/roles",
  tag,
  summary: "The built-in roles and the tenant's custom roles",
  access: { permission: "roles:read" },
  params: z.object({ tenantId: Id }),
  response: z.object({ items: z.array(RoleSchema) }),
});

export const createRole = defineContract({
  id: "roles.create",
  method: "POST",
  path: "/api/tenants/:tenantId/roles",
  tag,
  summary: "Create a custom role: a named set of permissions",
  access: { permission: "roles:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({ name: Name, permissions: Permissions }),
  response: RoleSchema,
  idempotent: true,
});

export const updateRole = defineContract({
  id: "roles.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/roles/:roleId",
  tag,
  summary: "Rename a custom role or change its permissions",
  access: { permission: "roles:manage" },
  params: z.object({ tenantId: Id, roleId: Id }),
  body: z.object({ name: Name.optional(), permissions: Permissions.optional() }),
  response: RoleSchema,
});

export const deleteRole = defineContract({
  id: "roles.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/roles/:roleId",
  tag,
  summary: "Delete a custom role that nobody holds",
  access: { permission: "roles:manage" },
  params: z.object({ tenantId: Id, roleId: Id }),
  response: Empty,
  status: 204,
});

export const ROLE_CONTRACTS = [listRoles, createRole, updateRole, deleteRole] as const;
