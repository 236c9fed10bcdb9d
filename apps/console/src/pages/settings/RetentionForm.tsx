import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageLoader } from "../../ui/PageLoader";

type Field = "rawDays" | "minuteDays" | "hourDays" | "dayDays";
const FIELDS: { key: Field; label: string }[] = [
  { key: "rawDays", label: "Request records (days)" },
  { key: "minuteDays", label: "Per-minute rollups (days)" },
  { key: "hourDays", label: "Hourly rollups (days)" },
  { key: "dayDays", label: "Daily rollups (days)" },
];

/** How long usage is kept, per granularity; empty = forever. */
export function RetentionForm() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const retention = useQuery({
    queryKey: ["usageRetention.get", tenantId],
    queryFn: () => client.usageRetention.get({ params: { tenantId } }),
    enabled: can("usage:read"),
  });
  const [draft, setDraft] = useState<Partial<Record<Field, number | null>>>({});
  const save = useMutation({
    mutationFn: () => client.usageRetention.update({ params: { tenantId }, body: draft }),
    onSuccess: async () => {
      setDraft({});
      await queryClient.invalidateQueries({ queryKey: ["usageRetention.get", tenantId] });
      notifications.show({ message: "Retention saved." });
    },
  });
  if (!can("usage:read")) return null;
  const writable = can("tenant:update");
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Usage retention
        </Title>
        <Text size="sm" c="dimmed">
          Older usage is deleted every night. Leave a field empty to keep it forever.
        </Text>
        {retention.isPending ? (
          <PageLoader />
        ) : retention.error ? (
          <ErrorAlert error={retention.error} />
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {FIELDS.map((f) => {
                const value = f.key in draft ? draft[f.key] : retention.data[f.key];
                return (
                  <NumberInput
                    key={f.key}
                    label={f.label}
                    placeholder="Forever"
                    min={1}
                    max={3650}
                    allowDecimal={false}
                    readOnly={!writable}
                    value={value ?? ""}
                    onChange={(v) => setDraft((d) => ({ ...d, [f.key]: v === "" ? null : Number(v) }))}
                  />
                );
              })}
            </SimpleGrid>
            <ErrorAlert error={save.error} mt="sm" />
            {writable && (
              <Group mt="sm">
                <Button type="submit" loading={save.isPending} disabled={Object.keys(draft).length === 0}>
                  Save retention
                </Button>
              </Group>
            )}
          </form>
        )}
      </Stack>
    </Paper>
  );
}
