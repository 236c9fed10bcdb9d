import { z } from "zod";
import { Empty, Id, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { ModelPatterns } from "./model-patterns.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Workspaces";
const TenantParams = z.object({ tenantId: Id });
const WorkspaceParams = z.object({ tenantId: Id, workspaceId: Id });

export const WorkspaceSchema = z.object({
  id: Id,
  tenantId: Id,
  name: z.string(),
  /** Models this workspace's keys and members may call; null allows every model of the tenant. */
  allowedModels: z.array(z.string()).nullable(),
  createdAt: Timestamp,
});

export const listWorkspaces = defineContract({
  id: "workspaces.list",
  method: "GET",
  path: "/api/tenants/:tenantId/workspaces",
  tag,
  summary: "List workspaces",
  access: { permission: "workspaces:read" },
  params: TenantParams,
  query: z.object({ ...PageQuery, name: z.string().max(100).optional() }),
  response: pageOf(WorkspaceSchema),
});

export const createWorkspace = defineContract({
  id: "workspaces.create",
  method: "POST",
  path: "/api/tenants/:tenantId/workspaces",
  tag,
  summary: "Create a workspace",
  access: { permission: "workspaces:create" },
  params: TenantParams,
  body: z.object({ name: Name, allowedModels: ModelPatterns.nullable().optional() }),
  response: WorkspaceSchema,
  idempotent: true,
});

export const getWorkspace = defineContract({
  id: "workspaces.get",
  method: "GET",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId",
  tag,
  summary: "Get a workspace",
  access: { permission: "workspaces:read" },
  params: WorkspaceParams,
  response: WorkspaceSchema,
});

export const updateWorkspace = defineContract({
  id: "workspaces.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId",
  tag,
  summary: "Rename a workspace or change its allowed models",
  access: { permission: "workspaces:manage" },
  params: WorkspaceParams,
  body: z.object({ name: Name.optional(), allowedModels: ModelPatterns.nullable().optional() }),
  response: WorkspaceSchema,
});

export const deleteWorkspace = defineContract({
  id: "workspaces.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId",
  tag,
  summary: "Delete a workspace and its keys",
  access: { permission: "workspaces:manage" },
  params: WorkspaceParams,
  response: Empty,
  status: 204,
});

export const WORKSPACE_CONTRACTS = [
  listWorkspaces,
  createWorkspace,
  getWorkspace,
  updateWorkspace,
  deleteWorkspace,
] as const;
