import {
  ActionIcon,
  Anchor,
  Card,
  CopyButton,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconArrowLeft, IconCheck, IconCopy } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount, formatMs, formatTime, formatUsd } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { AttemptWaterfall } from "./AttemptWaterfall";
import { CapturePanel } from "./CapturePanel";
import { StatusBadge } from "./LogsTable";
import { readAttempts } from "./log-attempts";
import { useLogNames } from "./use-log-names";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** One request (its URL is shareable): the attempt waterfall, tokens by kind, cost, timing and outcome. */
export function LogDetailPage() {
  const { client } = useApi();
  const { tenantId } = useScope();
  const { requestId = "" } = useParams();
  const { search } = useLocation();
  const names = useLogNames();
  const detail = useQuery({
    queryKey: ["usageLogs.get", tenantId, requestId],
    queryFn: () => client.usageLogs.get({ params: { tenantId, requestId } }),
  });
  const back = (
    <Anchor component={Link} to={{ pathname: "..", search }} relative="path" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> Back to the logs
      </Group>
    </Anchor>
  );
  const r = detail.data;
  if (detail.isPending) return <PageLoader />;
  if (!r)
    return (
      <>
        <PageHeader title="Request" actions={back} />
        <ErrorAlert error={detail.error} />
      </>
    );
  const { attempts, estimated } = readAttempts(r.attempts);
  const tokens: Array<[string, number]> = [
    ["Input", r.inputTokens],
    ["Output", r.outputTokens],
    ["Cache read", r.cacheReadTokens],
    ["Cache write (5 min)", r.cacheWriteTokens],
    ["Cache write (1 h)", r.cacheWrite1hTokens],
    ["Reasoning", r.reasoningTokens],
    ["Image", r.imageTokens],
    ["Audio", r.audioTokens],
  ];
  return (
    <>
      <PageHeader
        title="Request"
        description={
          <Group gap={4} component="span">
            <Text span ff="monospace" size="sm" data-testid="request-id">
              {r.id}
            </Text>
            <CopyButton value={r.id}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? "Copied" : "Copy the request id"}>
                  <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copy the request id">
                    {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        }
        actions={back}
      />
      <Card withBorder mb="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Field label="Status">
            <Group gap={6}>
              <StatusBadge status={r.status} httpStatus={r.httpStatus} />
              {r.errorCode && (
                <Text size="xs" c="dimmed">
                  {r.errorCode}
                </Text>
              )}
            </Group>
          </Field>
          <Field label="Model">
            {r.model}
            {r.upstreamModel && r.upstreamModel !== r.model ? ` → ${r.upstreamModel}` : ""}
          </Field>
          <Field label="Provider">
            {r.providerId ? (names.providerNames.get(r.providerId) ?? r.providerId) : "—"}
          </Field>
          <Field label="Started">{formatTime(r.startedAt)}</Field>
          <Field label="Latency">{formatMs(r.latencyMs)}</Field>
          <Field label="Time to first byte">{formatMs(r.ttfbMs)}</Field>
          <Field label="Stream outcome">{r.stream ? (r.streamOutcome ?? "—") : "not streamed"}</Field>
          <Field label="Surface">{r.surface}</Field>
          <Field label="Cost">{r.unpriced ? "unpriced" : formatUsd(r.costNano)}</Field>
          <Field label="Price version">{r.priceVersion ?? "—"}</Field>
          <Field label="API key">{names.keyNames.get(r.apiKeyId) ?? r.apiKeyId}</Field>
          <Field label="User">{r.userId ?? "—"}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder mb="md">
        <Title order={2} size="h4" mb="sm">
          Attempts ({attempts.length})
        </Title>
        {attempts.length === 0 ? (
          <EmptyState title="No upstream attempt">
            The request ended before reaching a provider (refused by a limit, a budget or validation).
          </EmptyState>
        ) : (
          <>
            <AttemptWaterfall attempts={attempts} totalMs={r.latencyMs} />
            <Text size="xs" c="dimmed" mt="xs">
              0 is the request's arrival. A bar runs from an attempt's send to its upstream's answer or
              failure; the lighter bar is the served answer's body or stream. Gaps are the gateway's own work
              (admission, routing) and a retry's backoff.
            </Text>
          </>
        )}
        {estimated && (
          <Text size="xs" c="dimmed" mt="xs">
            This record predates attempt start times: the attempts are drawn back to back.
          </Text>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Tokens{r.usageEstimated ? " (estimated: the upstream reported none)" : ""}
        </Title>
        <Table maw={420} fz="sm" data-testid="token-table">
          <Table.Tbody>
            {tokens.map(([label, n]) => (
              <Table.Tr key={label}>
                <Table.Td>{label}</Table.Td>
                <Table.Td ta="right">{formatCount(n)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <CapturePanel requestId={r.id} workspaceId={r.workspaceId} />
    </>
  );
}
