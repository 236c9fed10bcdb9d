import { z } from "zod";
import { Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Audit log";

export const AuditEntrySchema = z.object({
  id: z.string(),
  tenantId: Id,
  at: Timestamp,
  actor: z.object({
    kind: z.enum(["user", "api_key", "service_account", "system"]),
    id: z.string().nullable(),
  }),
  /** `<resource>.<verb>`, the operation's contract id: `keys.create`, `members.update`. */
  action: z.string(),
  target: z.object({ kind: z.string(), id: z.string().nullable() }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The resource before and after the change, secrets removed. */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

const AuditFilters = {
  action: z.string().max(60).optional(),
  actorId: z.string().max(40).optional(),
  /** The kind of object changed: `api_key`, `member`, `provider`, `tenant`... */
  targetKind: z.string().max(40).optional(),
  targetId: z.string().max(40).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
};

export const listAudit = defineContract({
  id: "audit.list",
  method: "GET",
  path: "/api/tenants/:tenantId/audit",
  tag,
  summary: "Search the audit log (newest first)",
  access: { permission: "audit:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...PageQuery, ...AuditFilters }),
  response: pageOf(AuditEntrySchema),
});

export const exportAudit = defineContract({
  id: "audit.export",
  method: "GET",
  path: "/api/tenants/:tenantId/audit/export",
  tag,
  summary: "The audit log as CSV (the filters of the search; at most 100,000 rows)",
  access: { permission: "audit:read" },
  params: z.object({ tenantId: Id }),
  query: z.object(AuditFilters),
  response: z.string(),
  produces: "text/csv",
});

export const AUDIT_CONTRACTS = [listAudit, exportAudit] as const;
