import { Badge, Code, Container, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconPaperclip, IconTool } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams } from "react-router";
import { useApi } from "../../api/api-context";
import { Logo } from "../../shell/Logo";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatTime } from "../../ui/format";
import { PageLoader } from "../../ui/PageLoader";
import { prettyArguments } from "../chat/chat-tools";
import { Markdown } from "../playground/Markdown";

/** Asks search engines not to index the page while it is open (the server also sends X-Robots-Tag). */
function useNoIndex() {
  useEffect(() => {
    const meta = document.createElement("meta");
    meta.name = "robots";
    meta.content = "noindex, nofollow";
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);
}

/**
 * `/share/:token`: a conversation someone shared, read-only, for anyone with the link (`shared.get`,
 * no sign-in): the title and the messages of the snapshot taken when the link was made, as markdown,
 * with the tool calls an answer made and the results given.
 * An unknown or revoked link says so.
 */
export function SharedConversationPage() {
  const { client } = useApi();
  const token = useParams().token ?? "";
  useNoIndex();
  const shared = useQuery({
    queryKey: ["shared.get", token],
    queryFn: () => client.shared.get({ params: { token } }),
    retry: false,
  });
  useEffect(() => {
    document.title = `${shared.data?.title ?? "Shared conversation"} · Gatehouse`;
  }, [shared.data?.title]);

  return (
    <Container size="md" py="xl">
      <Group mb="lg" justify="space-between">
        <Logo />
        <Badge variant="light" color="gray">
          Read-only
        </Badge>
      </Group>
      {shared.isPending && <PageLoader />}
      <ErrorAlert error={shared.error} title="This link does not work (it may have been revoked)" />
      {shared.data && (
        <Stack data-testid="shared-conversation">
          <div>
            <Title order={1} size="h2">
              {shared.data.title}
            </Title>
            <Text size="sm" c="dimmed">
              Shared {formatTime(shared.data.sharedAt)} · {shared.data.messages.length} messages
            </Text>
          </div>
          {shared.data.messages.map((m, i) => (
            <Paper
              // The snapshot's messages have no ids; their order never changes.
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, read-only list
              key={i}
              withBorder
              p="md"
              bg={m.role === "user" ? "var(--mantine-color-default-hover)" : undefined}
              aria-label={roleName(m.role)}
            >
              <Group gap="xs" mb={6}>
                <Text size="xs" fw={600} tt="uppercase" c="dimmed">
                  {roleName(m.role)}
                </Text>
                {m.model && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {m.model}
                  </Text>
                )}
              </Group>
              {m.role === "tool" ? <Code block>{m.text}</Code> : m.text !== "" && <Markdown text={m.text} />}
              {m.toolCalls?.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, read-only list
                <Stack key={j} gap={4} mt={6} data-testid="shared-tool-call">
                  <Group gap={6}>
                    <IconTool size={14} />
                    <Text size="sm">
                      Calls <Code>{c.name}</Code>
                    </Text>
                  </Group>
                  <Code block>{prettyArguments(c.arguments)}</Code>
                </Stack>
              ))}
              {m.files !== undefined && m.files.length > 0 && (
                // Attachments are named, never shown: a link shares the conversation, not the files.
                <Group gap={6} mt={6} data-testid="shared-attachments">
                  {m.files.map((name) => (
                    <Badge
                      key={name}
                      variant="light"
                      color="gray"
                      tt="none"
                      leftSection={<IconPaperclip size={12} />}
                    >
                      {name}
                    </Badge>
                  ))}
                </Group>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Container>
  );
}

function roleName(role: "system" | "user" | "assistant" | "tool"): string {
  if (role === "tool") return "Tool result";
  return role === "user" ? "User" : role === "assistant" ? "Assistant" : "System";
}
