import { GatehouseApiError } from "@gatehouse/sdk";
import { Badge, Card, Code, Group, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount } from "../../ui/format";
import { assembleStream, prettyJson } from "./capture-text";

interface CapturedBody {
  text: string;
  bytes: number;
  truncated: boolean;
}

function Body({ label, body, children }: { label: string; body: CapturedBody; children: string }) {
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {formatCount(body.bytes)} bytes
        </Text>
        {body.truncated && (
          <Badge size="xs" color="yellow" variant="light">
            truncated: only the start (up to the capture limit) was kept
          </Badge>
        )}
      </Group>
      <ScrollArea.Autosize mah={360} type="auto">
        <Code block aria-label={label}>
          {children}
        </Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}

/**
 * "Prompt and response" of one request: shown only to who holds prompts:read in its workspace, and only
 * when the tenant captured it (a 404 — no capture — renders nothing).
 */
export function CapturePanel({ requestId, workspaceId }: { requestId: string; workspaceId: string }) {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const allowed = can("prompts:read", workspaceId);
  const capture = useQuery({
    queryKey: ["usageLogs.capture", tenantId, requestId],
    queryFn: () => client.usageLogs.capture({ params: { tenantId, requestId } }),
    enabled: allowed,
    retry: (n, err) => !(err instanceof GatehouseApiError && err.status === 404) && n < 2,
  });
  if (!allowed || capture.isPending) return null;
  if (capture.error instanceof GatehouseApiError && capture.error.status === 404) return null;
  const c = capture.data;
  const assembled = c?.stream && c.response ? assembleStream(c.response.text) : "";
  return (
    <Card withBorder mt="md" data-testid="capture-panel">
      <Title order={2} size="h4" mb="sm">
        Prompt and response
      </Title>
      <ErrorAlert error={capture.error} />
      {c && (
        <Stack gap="md">
          <Body label="Request body" body={c.request}>
            {prettyJson(c.request.text)}
          </Body>
          {c.response === null ? (
            <Text size="sm" c="dimmed">
              No answer body was sent (the request ended with an error).
            </Text>
          ) : c.stream ? (
            <>
              {assembled !== "" && (
                <Body label="Response text (assembled from the stream)" body={c.response}>
                  {assembled}
                </Body>
              )}
              <Body label="Response stream" body={c.response}>
                {c.response.text}
              </Body>
            </>
          ) : (
            <Body label="Response body" body={c.response}>
              {prettyJson(c.response.text)}
            </Body>
          )}
        </Stack>
      )}
    </Card>
  );
}
