import { Badge, Box, Button, Code, Group, Stack, Text, Textarea } from "@mantine/core";
import { IconSend, IconTool } from "@tabler/icons-react";
import { useState } from "react";
import type { ToolCall } from "../playground/playground-request";
import { prettyArguments } from "./chat-tools";

/**
 * The tool calls an answer made: each function's name and arguments (pretty-printed), and for a call
 * still waiting for its result a "Send result" box — the member runs the tool and types what it gave.
 */
export function ToolCallsPanel({
  calls,
  waiting,
  busy,
  onResult,
}: {
  calls: readonly ToolCall[];
  /** The ids of the calls still waiting for a result on this branch (none once answered). */
  waiting: ReadonlySet<string>;
  busy: boolean;
  onResult(callId: string, text: string): void;
}) {
  return (
    <Stack gap="xs" mt={4}>
      {calls.map((c) => (
        <Box
          key={c.id}
          p="xs"
          data-testid="tool-call"
          style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 8 }}
        >
          <Group gap={6}>
            <IconTool size={14} />
            <Text size="sm">
              Calls <Code>{c.name}</Code>
            </Text>
            <Text size="xs" c="dimmed">
              {c.id}
            </Text>
          </Group>
          <Code block mt={4} data-testid="tool-call-arguments">
            {prettyArguments(c.arguments)}
          </Code>
          {waiting.has(c.id) && <ResultBox call={c} busy={busy} onResult={onResult} />}
        </Box>
      ))}
    </Stack>
  );
}

function ResultBox({
  call,
  busy,
  onResult,
}: {
  call: ToolCall;
  busy: boolean;
  onResult(callId: string, text: string): void;
}) {
  const [text, setText] = useState("");
  const send = () => {
    if (text.trim() === "" || busy) return;
    onResult(call.id, text);
  };
  return (
    <Group align="flex-end" gap="xs" mt="xs" wrap="nowrap">
      <Textarea
        style={{ flex: 1 }}
        label={`Result of ${call.name}`}
        placeholder='What the tool gave, e.g. {"temperature": 21}'
        autosize
        minRows={1}
        maxRows={8}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Button leftSection={<IconSend size={14} />} disabled={busy || text.trim() === ""} onClick={send}>
        Send result
      </Button>
    </Group>
  );
}

/** A tool message: the result the member gave for a call (the tool's name when known). */
export function ToolResultBadge({ name }: { name: string | undefined }) {
  return (
    <Badge size="sm" variant="light" color="grape" tt="none" leftSection={<IconTool size={12} />}>
      {name ?? "tool"}
    </Badge>
  );
}
