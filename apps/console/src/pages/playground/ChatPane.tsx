import { Alert, Box, Code, Group, Loader, Paper, ScrollArea, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { AnswerMeta } from "./AnswerMeta";
import { Markdown } from "./Markdown";
import { ChatError } from "./stream-chat";
import type { ChatSession } from "./use-chat-session";

/** One model's side of the conversation: the turns as markdown, tool calls, tokens and cost. */
export function ChatPane({ title, session }: { title: string; session: ChatSession }) {
  const viewport = useRef<HTMLDivElement>(null);
  const last = session.entries[session.entries.length - 1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll down whenever the last turn grows
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [last?.content, session.entries.length]);

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      style={{ flex: 1, minWidth: 0 }}
      aria-label={`Answers of ${title}`}
      component="section"
    >
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm" data-testid="pane-model">
          {title || "No model chosen"}
        </Text>
        {session.streaming && <Loader size="xs" aria-label="Answer streaming" />}
      </Group>
      <ScrollArea.Autosize mah="max(240px, calc(100vh - 470px))" viewportRef={viewport} offsetScrollbars>
        {session.entries.length === 0 ? (
          <Text c="dimmed" size="sm" py="xl" ta="center">
            Write a message below and press Send (Ctrl+Enter): the answer streams here.
          </Text>
        ) : (
          <Stack gap="sm">
            {session.entries.map((entry, i) => (
              <Box
                // biome-ignore lint/suspicious/noArrayIndexKey: turns are only ever appended
                key={i}
                data-testid={entry.role === "assistant" ? "assistant-message" : "user-message"}
                data-partial={entry.partial ? "true" : "false"}
                p="xs"
                style={{
                  borderRadius: 8,
                  background: entry.role === "user" ? "var(--mantine-color-default-hover)" : "transparent",
                }}
              >
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {entry.role === "user" ? "You" : "Assistant"}
                </Text>
                {entry.content !== "" && <Markdown text={entry.content} />}
                {entry.partial && entry.content === "" && !entry.toolCalls && (
                  <Loader type="dots" size="sm" />
                )}
                {entry.toolCalls?.map((call) => (
                  <Alert
                    key={call.id}
                    variant="light"
                    color="grape"
                    p="xs"
                    mt={4}
                    title={`Tool call: ${call.name}`}
                    data-testid="tool-call"
                  >
                    <Code block>{call.arguments || "{}"}</Code>
                  </Alert>
                ))}
                {entry.role === "assistant" && !entry.partial && <AnswerMeta entry={entry} />}
              </Box>
            ))}
          </Stack>
        )}
      </ScrollArea.Autosize>
      <ErrorAlert error={session.error} title="The model did not answer" mt="sm" />
      {session.error instanceof ChatError && session.error.requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          Request id {session.error.requestId} (HTTP {session.error.status})
        </Text>
      )}
    </Paper>
  );
}
