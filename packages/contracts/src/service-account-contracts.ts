import { z } from "zod";
import { IssuedKeySchema } from "./api-key-contracts.js";
import { Empty, Id, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { TenantRoleRef } from "./member-contracts.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Service accounts";

export const ServiceAccountSchema = z.object({
  id: Id,
  tenantId: Id,
  workspaceId: Id,
  name: z.string(),
  /** The tenant role its keys act with on the control plane. */
  role: z.string(),
  createdAt: Timestamp,
});

export const listServiceAccounts = defineContract({
  id: "serviceAccounts.list",
  method: "GET",
  path: "/api/tenants/:tenantId/service-accounts",
  tag,
  summary: "List service accounts",
  access: { permission: "service-accounts:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...PageQuery }),
  response: pageOf(ServiceAccountSchema),
});

export const createServiceAccount = defineContract({
  id: "serviceAccounts.create",
  method: "POST",
  path: "/api/tenants/:tenantId/service-accounts",
  tag,
  summary: "Create a service account for automation, with its first key (shown once)",
  access: { permission: "service-accounts:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({ name: Name, role: TenantRoleRef, workspaceId: Id }),
  response: z.object({ serviceAccount: ServiceAccountSchema, issued: IssuedKeySchema }),
  idempotent: true,
});

export const deleteServiceAccount = defineContract({
  id: "serviceAccounts.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/service-accounts/:serviceAccountId",
  tag,
  summary: "Delete a service account and revoke its keys",
  access: { permission: "service-accounts:manage" },
  params: z.object({ tenantId: Id, serviceAccountId: Id }),
  response: Empty,
  status: 204,
});

export const SERVICE_ACCOUNT_CONTRACTS = [
  listServiceAccounts,
  createServiceAccount,
  deleteServiceAccount,
] as const;
