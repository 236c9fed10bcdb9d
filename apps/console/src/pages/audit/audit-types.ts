import type { GatehouseClient } from "@gatehouse/sdk";

/** One audit log entry as `audit.list` answers it. */
export type AuditEntry = Awaited<ReturnType<GatehouseClient["audit"]["list"]>>["items"][number];
