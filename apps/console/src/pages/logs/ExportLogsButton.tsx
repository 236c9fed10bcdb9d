import { Button, Group, Progress, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatCount } from "../../ui/format";

/**
 * Downloads the filtered log as CSV (usageLogs.export): fetched with the session's access token and read
 * as a stream, counting rows as they arrive (the progress shown), then saved through a Blob link.
 */
export function ExportLogsButton({
  tenantId,
  query,
}: {
  tenantId: string;
  query: Record<string, string | number>;
}) {
  const { client, origin } = useApi();
  const [rows, setRows] = useState<number | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  async function run() {
    setError(undefined);
    setRows(0);
    try {
      // A cheap call first, so the SDK renews an expired access token before the raw fetch uses it.
      await client.auth.me();
      const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const res = await fetch(
        `${origin}/api/tenants/${encodeURIComponent(tenantId)}/usage/logs/export?${params}`,
        {
          headers: { authorization: `Bearer ${client.tokens().accessToken ?? ""}` },
        },
      );
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => undefined)) as
          | { error?: { message?: string } }
          | undefined;
        throw new Error(body?.error?.message ?? `The export failed (HTTP ${res.status})`);
      }
      const parts: Uint8Array[] = [];
      const reader = res.body.getReader();
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        for (const b of value) if (b === 10) lines++;
        setRows(Math.max(0, lines - 1));
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `gatehouse-logs-${new Date().toISOString().slice(0, 19).replace(/:/g, "")}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err);
    } finally {
      setRows(undefined);
    }
  }

  return (
    <>
      <Group gap="xs">
        {rows !== undefined && (
          <Group gap={6} data-testid="export-progress">
            <Progress value={100} striped animated w={80} size="sm" aria-label="Exporting" />
            <Text size="xs" c="dimmed">
              {formatCount(rows)} rows
            </Text>
          </Group>
        )}
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          loading={rows !== undefined}
          onClick={run}
        >
          Export CSV
        </Button>
      </Group>
      {error !== undefined && <ErrorAlert error={error} title="The export failed" mt="sm" />}
    </>
  );
}
