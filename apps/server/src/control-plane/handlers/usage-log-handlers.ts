import type * as C from "@gatehouse/contracts";
import type { ParsedQuery } from "@gatehouse/contracts";
import type { UsageRecord } from "../../store/store-types.js";
import type { Page } from "../../store/tenancy-types.js";
import type { UsageLogQuery } from "../../store/usage/usage-report-types.js";
import type { ContractStreamReply } from "../contract-router/contract-answer.js";
import { type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";
import { USAGE_CSV_COLUMNS, usageCsvRow } from "./usage-csv.js";
import { type UsageFilterQuery, usageWorkspaces } from "./usage-scope.js";

/** Rows per page the export reads: one page in memory at a time. */
export const USAGE_EXPORT_PAGE = 1_000;
/** Rows one export may hold; narrow the range for more. */
export const USAGE_EXPORT_MAX_ROWS = 1_000_000;
const DAY = 86_400_000;

type LogQuery = UsageFilterQuery & {
  from?: number | undefined;
  to?: number | undefined;
  status?: string | undefined;
};

/**
 * The request log: filtered pages (keyset on started_at, id), one request's detail, and the CSV export,
 * streamed page by page so memory stays bounded whatever its size. Workspace-scoped readers see their
 * workspaces' requests only; another workspace's request answers 404.
 */
export function usageLogHandlers(deps: ControlPlaneDeps) {
  const log = (ctx: CallContext) => deps.store.forTenant(ctx.tenantId!).usageLog;
  const logQuery = async (ctx: CallContext, q: LogQuery): Promise<Omit<UsageLogQuery, "limit">> => {
    const workspaces = await usageWorkspaces(deps, ctx, q.workspaceId);
    return {
      ...(q.from === undefined ? {} : { from: q.from }),
      ...(q.to === undefined ? {} : { to: q.to }),
      ...(q.model === undefined ? {} : { model: q.model }),
      ...(q.keyId === undefined ? {} : { apiKeyId: q.keyId }),
      ...(q.userId === undefined ? {} : { userId: q.userId }),
      ...(q.provider === undefined ? {} : { providerId: q.provider }),
      ...(q.status === undefined ? {} : { status: q.status }),
      ...(workspaces === "all" ? {} : { workspaceIds: workspaces }),
    };
  };
  return {
    "usageLogs.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listUsageLogs> }) => {
      const page = await log(ctx).page({
        ...(await logQuery(ctx, ctx.query)),
        limit: ctx.query.limit,
        ...(ctx.query.cursor === undefined ? {} : { cursor: ctx.query.cursor }),
      });
      return { items: page.items.map(({ attempts: _, ...rest }) => rest), nextCursor: page.nextCursor };
    },
    "usageLogs.get": async (ctx: CallContext & { params: { tenantId: string; requestId: string } }) => {
      const record = found(await log(ctx).get(ctx.params.requestId));
      const workspaces = await usageWorkspaces(deps, ctx, record.workspaceId);
      return found(workspaces.length === 0 ? undefined : record);
    },
    "usageLogs.export": async (
      ctx: CallContext & { query: ParsedQuery<typeof C.exportUsageLogs> },
    ): Promise<ContractStreamReply> => {
      const to = ctx.query.to ?? deps.now();
      const query = {
        ...(await logQuery(ctx, ctx.query)),
        to,
        from: ctx.query.from ?? Math.max(0, to - DAY),
      };
      const repo = log(ctx);
      const read = (cursor?: string) =>
        repo.page({ ...query, limit: USAGE_EXPORT_PAGE, ...(cursor === undefined ? {} : { cursor }) });
      // The first page is read before answering, so a bad filter is still a clean 4xx.
      const first = await read();
      return { contentType: "text/csv; charset=utf-8", stream: csvPages(first, read) };
    },
  };
}

/** The CSV text, one chunk per page; the next page is read only when the client has taken the last. */
async function* csvPages(
  first: Page<UsageRecord>,
  read: (cursor: string) => Promise<Page<UsageRecord>>,
): AsyncGenerator<string> {
  yield `${USAGE_CSV_COLUMNS.join(",")}\r\n`;
  let page = first;
  let rows = 0;
  for (;;) {
    const lines = page.items.slice(0, USAGE_EXPORT_MAX_ROWS - rows).map(usageCsvRow);
    rows += lines.length;
    if (lines.length > 0) yield `${lines.join("\r\n")}\r\n`;
    if (page.nextCursor === null || rows >= USAGE_EXPORT_MAX_ROWS) return;
    page = await read(page.nextCursor);
  }
}
