import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { formatAgo, formatMs, formatPercent } from "../../ui/format";
import type { DeploymentHealth } from "./use-deployment-health";

const STATE = {
  closed: { color: "teal", label: "Healthy" },
  half_open: { color: "yellow", label: "Probing" },
  open: { color: "red", label: "Circuit open" },
} as const;

/** A deployment's breaker state as a coloured badge (green healthy, yellow probing, red open). */
export function HealthBadge({ health }: { health: DeploymentHealth | undefined }) {
  if (!health)
    return (
      <Badge color="gray" variant="light">
        No data
      </Badge>
    );
  const state = STATE[health.breaker.state] ?? STATE.closed;
  const b = health.breaker;
  const detail =
    b.state === "open" && b.nextProbeAt
      ? `Opened ${formatAgo(b.openedAt)}; next probe in ${formatMs(Math.max(0, b.nextProbeAt - Date.now()))}`
      : `${b.consecutiveFailures} consecutive failure(s); ${b.windowFailures}/${b.windowRequests} failed lately`;
  return (
    <Tooltip label={detail}>
      <Badge
        color={state.color}
        variant="light"
        data-testid="health-badge"
        tabIndex={0}
        style={{ flexShrink: 0 }}
        miw="fit-content"
      >
        {state.label}
      </Badge>
    </Tooltip>
  );
}

/** Error rate, latency and in-flight count of a deployment, compact. */
export function HealthFigures({ health }: { health: DeploymentHealth | undefined }) {
  if (!health)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const rate = health.errorRate;
  return (
    <Group gap="md" wrap="nowrap">
      <Text size="sm" c={rate !== null && rate >= 0.2 ? "red" : undefined}>
        <Text span size="xs" c="dimmed">
          errors{" "}
        </Text>
        {formatPercent(rate)}
      </Text>
      <Text size="sm">
        <Text span size="xs" c="dimmed">
          latency{" "}
        </Text>
        {formatMs(health.latencyEwmaMs)}
      </Text>
      <Text size="sm">
        <Text span size="xs" c="dimmed">
          in flight{" "}
        </Text>
        {health.inFlight}
      </Text>
    </Group>
  );
}
