import { Group, Loader, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { formatCount, formatUsd } from "../../ui/format";
import type { BranchMessage } from "./chat-tree";

/**
 * Under a stored answer: its model, tokens and cost. The cost is the one recorded with the message
 * (taken from the usage record when it was already settled); otherwise it is read from the usage record
 * of its request id (needs usage:read), asked again while the record is pending.
 */
export function AnswerFigures({ message }: { message: BranchMessage }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const requestId = message.usageRecordId;
  const lookUp = message.costNano === 0 && requestId !== null && can("usage:read", "current");
  const record = useQuery({
    queryKey: ["usageLogs.get", tenantId, requestId],
    queryFn: () => client.usageLogs.get({ params: { tenantId, requestId: requestId! } }),
    enabled: lookUp,
    retry: 8,
    retryDelay: 500,
    refetchInterval: (q) =>
      q.state.data?.status === "pending" && q.state.dataUpdateCount < 20 ? 500 : false,
  });
  const settled = record.data !== undefined && record.data.status !== "pending";
  const tokens = message.inputTokens + message.outputTokens > 0;
  return (
    <Group gap="md" mt={4} data-testid="answer-meta">
      {message.model && (
        <Text size="xs" c="dimmed">
          {message.model}
        </Text>
      )}
      {tokens && (
        <Text size="xs" c="dimmed" data-testid="answer-tokens">
          {formatCount(message.inputTokens)} in · {formatCount(message.outputTokens)} out tokens
        </Text>
      )}
      {message.costNano > 0 ? (
        <Text size="xs" c="dimmed" data-testid="answer-cost">
          Cost {formatUsd(message.costNano)}
        </Text>
      ) : lookUp ? (
        <Text size="xs" c="dimmed" data-testid="answer-cost" component="div">
          {settled ? (
            `Cost ${formatUsd(record.data!.costNano)}${record.data!.unpriced ? " (unpriced)" : ""}`
          ) : record.isError ? (
            "Cost not available yet"
          ) : (
            <Group gap={4} component="span">
              <Loader size={10} /> Cost…
            </Group>
          )}
        </Text>
      ) : null}
    </Group>
  );
}
