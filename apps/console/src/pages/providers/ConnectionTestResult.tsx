import type { OperationOutput } from "@gatehouse/sdk";
import { Badge, Group, Loader, Stack, Text } from "@mantine/core";
import { formatMs } from "../../ui/format";

export type ConnectionTest =
  | { state: "pending" }
  | { state: "done"; result: OperationOutput<"providers.testConnection"> }
  | { state: "failed"; error: unknown };

/** The outcome of a connection test, in place: reachable or not, the upstream's status, latency, message. */
export function ConnectionTestResult({ test }: { test: ConnectionTest | undefined }) {
  if (test === undefined)
    return (
      <Text size="sm" c="dimmed">
        Not tested
      </Text>
    );
  if (test.state === "pending")
    return (
      <Group gap={6}>
        <Loader size="xs" aria-label="Testing the connection" />
        <Text size="sm">Testing…</Text>
      </Group>
    );
  if (test.state === "failed")
    return (
      <Text size="sm" c="red" role="status">
        Could not run the test: {test.error instanceof Error ? test.error.message : String(test.error)}
      </Text>
    );
  const { ok, status, latencyMs, message } = test.result;
  return (
    <Stack gap={2} role="status" data-testid="connection-test">
      <Group gap={6}>
        <Badge color={ok ? "teal" : "red"} variant="light">
          {ok ? "Connected" : "Failed"}
        </Badge>
        <Text size="xs" c="dimmed">
          {status === null ? "no answer" : `HTTP ${status}`} · {formatMs(latencyMs)}
        </Text>
      </Group>
      {!ok && (
        <Text size="xs" c="red" maw={360} style={{ wordBreak: "break-word" }}>
          {message}
        </Text>
      )}
    </Stack>
  );
}
