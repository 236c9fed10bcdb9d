import { Group, Loader, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { formatCount, formatMs, formatUsd } from "../../ui/format";
import type { ChatEntry } from "./use-chat-session";

/**
 * Under an answer: its tokens (from the stream's final chunk) and its cost, read from the usage record
 * of its request id once the gateway has settled it (polled while pending; needs usage:read).
 */
export function AnswerMeta({ entry }: { entry: ChatEntry }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const requestId = entry.requestId;
  const mayRead = can("usage:read", "current");
  const record = useQuery({
    queryKey: ["usageLogs.get", tenantId, requestId],
    queryFn: () => client.usageLogs.get({ params: { tenantId, requestId: requestId! } }),
    enabled: requestId !== undefined && !entry.partial && mayRead,
    // The record is written when the answer ends and settled just after: ask again until it is.
    retry: 8,
    retryDelay: 500,
    refetchInterval: (q) =>
      q.state.data?.status === "pending" && q.state.dataUpdateCount < 20 ? 500 : false,
  });
  const usage = entry.usage;
  const settled = record.data !== undefined && record.data.status !== "pending";
  return (
    <Group gap="md" mt={4} data-testid="answer-meta">
      {usage && (
        <Text size="xs" c="dimmed" data-testid="answer-tokens">
          {formatCount(usage.promptTokens)} in · {formatCount(usage.completionTokens)} out tokens
        </Text>
      )}
      {mayRead && requestId !== undefined && !entry.partial && (
        <Text size="xs" c="dimmed" data-testid="answer-cost" component="div">
          {settled ? (
            <>
              Cost {formatUsd(record.data!.costNano)}
              {record.data!.unpriced ? " (unpriced)" : ""} · {formatMs(record.data!.latencyMs)}
            </>
          ) : record.isError ? (
            "Cost not available yet"
          ) : (
            <Group gap={4} component="span">
              <Loader size={10} /> Cost…
            </Group>
          )}
        </Text>
      )}
      {entry.stopped && (
        <Text size="xs" c="orange">
          Stopped
        </Text>
      )}
    </Group>
  );
}
