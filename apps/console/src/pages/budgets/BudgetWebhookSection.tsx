import { Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { IconCheck, IconCopy, IconKey } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";

/**
 * The webhook told when spend crosses 50, 80 and 100 % of a budget: its URL, and a signing secret that is
 * shown once, right after it is set (the server never answers it again).
 */
export function BudgetWebhookSection() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const queryClient = useQueryClient();
  const canManage = can("billing:manage");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<string | undefined>();
  const hook = useQuery({
    queryKey: ["budgets.getWebhook", tenantId],
    queryFn: () => client.budgets.getWebhook({ params: { tenantId } }),
  });
  const put = useMutation({
    mutationFn: () => client.budgets.putWebhook({ params: { tenantId }, body: { url: url.trim() } }),
    onSuccess: async (answer) => {
      setSecret(answer.secret);
      setUrl("");
      await queryClient.invalidateQueries({ queryKey: ["budgets.getWebhook", tenantId] });
    },
  });
  const remove = useMutation({
    mutationFn: () => client.budgets.deleteWebhook({ params: { tenantId } }),
    onSuccess: async () => {
      setSecret(undefined);
      await queryClient.invalidateQueries({ queryKey: ["budgets.getWebhook", tenantId] });
    },
  });

  if (hook.isPending) return <PageLoader label="Loading the webhook" />;
  return (
    <Stack maw={720}>
      <Text size="sm" c="dimmed">
        Gatehouse POSTs to this URL once per budget, period and threshold when settled spend reaches 50 %, 80
        % and 100 % of a cap. Each call is signed: <Code>gatehouse-signature: t=…,v1=…</Code> (HMAC-SHA256 of{" "}
        <Code>{"<t>.<body>"}</Code> with the secret; see docs/budgets.md).
      </Text>
      <ErrorAlert error={hook.error} />
      <Paper withBorder p="md">
        <Text size="sm" fw={500}>
          Current webhook
        </Text>
        {hook.data?.url ? (
          <Group justify="space-between" mt={4}>
            <Stack gap={0}>
              <Text size="sm" ff="monospace" data-testid="budget-webhook-url">
                {hook.data.url}
              </Text>
              <Text size="xs" c="dimmed">
                set {formatTime(hook.data.updatedAt)}
              </Text>
            </Stack>
            {canManage && (
              <Button
                variant="light"
                color="red"
                loading={remove.isPending}
                onClick={() => {
                  if (window.confirm("Stop sending threshold webhooks?")) remove.mutate();
                }}
              >
                Remove webhook
              </Button>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed" mt={4}>
            None: thresholds are announced by email only.
          </Text>
        )}
      </Paper>
      <ErrorAlert error={remove.error} />
      {secret && (
        <Alert color="teal" icon={<IconKey size={18} />} title="Signing secret — shown only now">
          <Text size="sm" mb="xs">
            Store it where your receiver verifies signatures; setting the URL again makes a new one.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code block style={{ flex: 1 }} data-testid="webhook-secret">
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant="default"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                >
                  {copied ? "Copied" : "Copy secret"}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {canManage && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim()) put.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={hook.data?.url ? "Replace with" : "Webhook URL"}
              placeholder="https://example.com/gatehouse/budget"
              type="url"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              required
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={put.isPending}>
              Save webhook
            </Button>
          </Group>
          <ErrorAlert error={put.error} mt="sm" />
        </form>
      )}
    </Stack>
  );
}
