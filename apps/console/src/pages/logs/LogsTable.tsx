import type { OperationOutput } from "@gatehouse/sdk";
import { Anchor, Badge, Table, Text, Tooltip } from "@mantine/core";
import { memo } from "react";
import { Link, useNavigate } from "react-router";
import { formatCount, formatMs, formatUsd } from "../../ui/format";
import type { LogNames } from "./use-log-names";

export type LogRow = OperationOutput<"usageLogs.list">["items"][number];

const STATUS_COLOR: Record<string, string> = {
  success: "teal",
  error: "red",
  interrupted: "orange",
  pending: "gray",
};

/** A badge for a request's status, with the HTTP status when there is one. */
export function StatusBadge({ status, httpStatus }: { status: string; httpStatus: number | null }) {
  return (
    <Badge
      color={STATUS_COLOR[status] ?? "gray"}
      variant="light"
      size="sm"
      styles={{ root: { overflow: "visible" }, label: { overflow: "visible" } }}
    >
      {status}
      {httpStatus !== null && status !== "success" ? ` ${httpStatus}` : ""}
    </Badge>
  );
}

/** Local time with seconds, compact for a table cell. */
function shortTime(t: string | number): string {
  return new Date(t).toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** The log's rows; a row opens the request's detail (its time is a real link, for the keyboard). */
export const LogsTable = memo(function LogsTable({ rows, names }: { rows: LogRow[]; names: LogNames }) {
  const navigate = useNavigate();
  // Read, not subscribed to (useLocation would re-render every row on each filter change before the new
  // rows come): the links carry the filters they were rendered under, so the detail can lead back.
  const search = window.location.search;
  const to = (id: string) => `${encodeURIComponent(id)}${search}`;
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table highlightOnHover verticalSpacing={6} fz="sm" data-testid="logs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Model</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Tokens in / out</Table.Th>
            <Table.Th ta="right">Cost</Table.Th>
            <Table.Th ta="right">Latency</Table.Th>
            <Table.Th>Stream</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              style={{ cursor: "pointer" }}
              onClick={() => navigate(to(r.id))}
              data-testid="log-row"
            >
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={to(r.id)} size="sm" onClick={(e) => e.stopPropagation()}>
                  {shortTime(r.startedAt)}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" fw={500}>
                  {r.model}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                {r.providerId ? (names.providerNames.get(r.providerId) ?? r.providerId) : "—"}
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={160}>
                  {names.keyNames.get(r.apiKeyId) ?? r.apiKeyId}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.errorCode ? (
                  // Only failures carry a tooltip (the error code): a Tooltip per row costs rendering time.
                  <Tooltip label={r.errorCode}>
                    <span>
                      <StatusBadge status={r.status} httpStatus={r.httpStatus} />
                    </span>
                  </Tooltip>
                ) : (
                  <StatusBadge status={r.status} httpStatus={r.httpStatus} />
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                {formatCount(r.inputTokens)} / {formatCount(r.outputTokens)}
                {r.usageEstimated ? " ~" : ""}
              </Table.Td>
              <Table.Td ta="right">{r.unpriced ? "unpriced" : formatUsd(r.costNano)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                {formatMs(r.latencyMs)}
              </Table.Td>
              <Table.Td>{r.stream ? (r.streamOutcome ?? "stream") : "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});
