import type * as C from "@gatehouse/contracts";
import type { ParsedQuery } from "@gatehouse/contracts";
import type { AuditEntry, AuditFilter } from "../../store/tenancy-types.js";
import type { CallContext, ControlPlaneDeps } from "./control-plane-deps.js";
import { pageOf } from "./control-plane-deps.js";

/** Rows per CSV export: an export is bounded like every other read; narrow the filter for more. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;
const CSV_COLUMNS = [
  "at",
  "actor_kind",
  "actor_id",
  "action",
  "target_kind",
  "target_id",
  "ip",
  "user_agent",
  "before",
  "after",
];

/** The audit log: search it, newest first, or export it as CSV (at most AUDIT_EXPORT_MAX_ROWS rows). */
export function auditHandlers(deps: ControlPlaneDeps) {
  const scoped = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!);
  return {
    "audit.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listAudit> }) => {
      const page = await scoped(ctx).audit.list(pageOf(ctx.query), filterOf(ctx.query));
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
    "audit.export": async (ctx: CallContext & { query: ParsedQuery<typeof C.exportAudit> }) => {
      const lines = [CSV_COLUMNS.join(",")];
      let cursor: string | undefined;
      do {
        const page = await scoped(ctx).audit.list(
          cursor === undefined ? { limit: 200, order: "desc" } : { limit: 200, order: "desc", cursor },
          filterOf(ctx.query),
        );
        for (const e of page.items) lines.push(csvRow(e));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && lines.length <= AUDIT_EXPORT_MAX_ROWS);
      return { contentType: "text/csv; charset=utf-8", body: `${lines.join("\r\n")}\r\n` };
    },
  };
}

function filterOf(q: {
  action?: string | undefined;
  actorId?: string | undefined;
  targetKind?: string | undefined;
  targetId?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
}): AuditFilter {
  const filter: AuditFilter = {};
  if (q.action !== undefined) filter.action = q.action;
  if (q.actorId !== undefined) filter.actorId = q.actorId;
  if (q.targetKind !== undefined) filter.targetKind = q.targetKind;
  if (q.targetId !== undefined) filter.targetId = q.targetId;
  if (q.since !== undefined) filter.since = q.since;
  if (q.until !== undefined) filter.until = q.until;
  return filter;
}

function view(e: AuditEntry) {
  return {
    id: e.id,
    tenantId: e.tenantId,
    at: e.at,
    actor: { kind: e.actorKind, id: e.actorId },
    action: e.action,
    target: { kind: e.targetKind, id: e.targetId },
    ip: e.ip,
    userAgent: e.userAgent,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}

function csvRow(e: AuditEntry): string {
  const cells = [
    new Date(e.at).toISOString(),
    e.actorKind,
    e.actorId,
    e.action,
    e.targetKind,
    e.targetId,
    e.ip,
    e.userAgent,
    e.before == null ? "" : JSON.stringify(e.before),
    e.after == null ? "" : JSON.stringify(e.after),
  ];
  return cells.map(csvCell).join(",");
}

/** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula (CSV injection). */
function csvCell(value: string | null): string {
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
