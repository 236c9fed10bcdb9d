import { GatehouseApiError } from "@gatehouse/sdk";
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../../api/api-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageLoader } from "../../ui/PageLoader";
import { SmtpForm } from "./SmtpForm";

/**
 * The installation's SMTP server (operators only): the one in use (set here, else the environment's), never
 * its password; a test email to prove it works before an invitation or a reset depends on it; and a form
 * to set one here.
 */
export function EmailTab() {
  const { client } = useApi();
  const smtp = useQuery({ queryKey: ["smtp.get"], queryFn: () => client.smtp.get(), retry: false });
  const me = useQuery({ queryKey: ["auth.me"], queryFn: () => client.auth.me() });
  const [to, setTo] = useState<string | undefined>();
  const recipient = to ?? me.data?.user.email ?? "";
  const test = useMutation({
    mutationFn: () => client.smtp.test({ body: { to: recipient } }),
    onSuccess: () => notifications.show({ message: `Test email sent to ${recipient}.` }),
  });
  if (smtp.isPending) return <PageLoader />;
  if (smtp.error instanceof GatehouseApiError && smtp.error.status === 403) {
    return (
      <Alert variant="light" color="gray" title="Operators only">
        Email is set up for the whole installation by its operators (the first tenant's owners and admins).
      </Alert>
    );
  }
  if (smtp.error) return <ErrorAlert error={smtp.error} />;
  const s = smtp.data;
  const rows: [string, string][] = [
    ["Server", s.host ? `${s.host}:${s.port}` : "—"],
    ["Security", s.secure === null ? "—" : s.secure ? "TLS (smtps)" : "STARTTLS when offered"],
    ["User", s.username ?? "—"],
    ["Password", s.hasPassword ? "Set (never shown)" : "None"],
    ["Sender", s.from ?? "—"],
  ];
  return (
    <Paper withBorder p="lg" maw={640}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Email (SMTP)
          </Title>
          <Badge color={s.configured ? "green" : "gray"} variant="light">
            {s.configured ? "Configured" : "Not configured"}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Invitations, password resets, email verification and budget alerts are sent through this server.{" "}
          {s.source === "settings"
            ? "It was set here, and overrides the environment's."
            : s.source === "env"
              ? "It comes from the environment (GATEHOUSE_SMTP_URL, GATEHOUSE_SMTP_FROM); a server set below overrides it."
              : "None is configured: set one below, or GATEHOUSE_SMTP_URL in the environment."}
        </Text>
        <Table withTableBorder aria-label="SMTP settings">
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th w={140}>{k}</Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {s.configured && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              test.mutate();
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput
                label="Send a test email to"
                type="email"
                required
                value={recipient}
                onChange={(e) => setTo(e.currentTarget.value)}
                w={300}
              />
              <Button type="submit" loading={test.isPending}>
                Send test email
              </Button>
            </Group>
          </form>
        )}
        <ErrorAlert error={test.error} title="The test email was not sent" />
        <SmtpForm key={`${s.source}:${s.host}:${s.port}:${s.from}`} current={s} />
      </Stack>
    </Paper>
  );
}
