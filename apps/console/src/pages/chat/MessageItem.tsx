import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Text,
  Textarea,
  Tooltip,
} from "@mantine/core";
import { IconCheck, IconCopy, IconPencil, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import { Markdown } from "../playground/Markdown";
import { AnswerFigures } from "./AnswerFigures";
import { MessageAttachments } from "./AttachmentChips";
import { BranchSwitcher } from "./BranchSwitcher";
import { filePartsOf } from "./chat-attachments";
import { toolCallsOf } from "./chat-tools";
import type { BranchMessage } from "./chat-tree";
import { ToolCallsPanel, ToolResultBadge } from "./ToolCallsPanel";

const NO_CALLS: ReadonlySet<string> = new Set();

/**
 * One stored message of the branch shown: its markdown, the branch switcher when it has siblings, copy,
 * and edit (a question: sent again as a sibling, which starts a new branch) or regenerate (an answer: a
 * new sibling answer to the same question). Answers show their model, tokens and cost, and whether they
 * were stopped (the text is what came until then) or failed (with why), and the tool calls they made
 * (with a box for each result still due); a tool message shows the result the member gave.
 */
export function MessageItem({
  message: m,
  busy,
  onSwitch,
  onEdit,
  onRegenerate,
  waitingCalls = NO_CALLS,
  toolName,
  onToolResult,
}: {
  message: BranchMessage;
  /** An answer is streaming: actions that would start another wait. */
  busy: boolean;
  onSwitch(id: string): void;
  onEdit(message: BranchMessage, text: string): void;
  onRegenerate(message: BranchMessage): void;
  /** An answer's tool calls still waiting for a result (only on the branch's last answer). */
  waitingCalls?: ReadonlySet<string>;
  /** A tool message: the name of the tool whose result it is. */
  toolName?: string | undefined;
  onToolResult?(answerId: string, callId: string, text: string): void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.text);
  const user = m.role === "user";
  const tool = m.role === "tool";
  const calls = toolCallsOf(m.parts);
  const save = () => {
    if (draft.trim() === "" || busy) return;
    setEditing(false);
    onEdit(m, draft);
  };

  return (
    <Box
      data-testid={user ? "user-message" : tool ? "tool-result" : "assistant-message"}
      data-partial="false"
      p="sm"
      style={{
        borderRadius: 8,
        background: user ? "var(--mantine-color-default-hover)" : "transparent",
      }}
    >
      <Group gap={6}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {user ? "You" : tool ? "Tool result" : "Assistant"}
        </Text>
        {tool && <ToolResultBadge name={toolName} />}
      </Group>
      {editing ? (
        <Box mt={4}>
          <Textarea
            aria-label="Edit your message"
            autosize
            minRows={2}
            maxRows={12}
            value={draft}
            data-autofocus
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                save();
              } else if (e.key === "Escape") {
                e.stopPropagation();
                setEditing(false);
              }
            }}
          />
          <Group gap="xs" mt="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button size="xs" onClick={save} disabled={busy || draft.trim() === ""}>
              Save and send
            </Button>
          </Group>
        </Box>
      ) : tool ? (
        <Code block mt={4}>
          {m.text}
        </Code>
      ) : (
        m.text !== "" && <Markdown text={m.text} />
      )}
      {calls.length > 0 && (
        <ToolCallsPanel
          calls={calls}
          waiting={waitingCalls}
          busy={busy}
          onResult={(callId, text) => onToolResult?.(m.id, callId, text)}
        />
      )}
      {user && <MessageAttachments parts={filePartsOf(m.parts)} />}
      {m.role === "assistant" && m.status === "stopped" && (
        <Badge size="sm" variant="light" color="orange" mt={4} data-testid="answer-stopped">
          Stopped
        </Badge>
      )}
      {m.role === "assistant" && m.status === "failed" && (
        <Text size="sm" c="red" mt={4} data-testid="answer-failed">
          The answer failed: {m.error ?? "unknown error"}
        </Text>
      )}
      {m.role === "assistant" && <AnswerFigures message={m} />}
      {!editing && (
        <Group gap={4} mt={4}>
          <BranchSwitcher message={m} disabled={busy} onSwitch={onSwitch} />
          <CopyButton value={m.text}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? "Copied" : "Copy"} withArrow>
                <ActionIcon variant="subtle" color="gray" size="sm" onClick={copy} aria-label="Copy message">
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
          {user ? (
            <Tooltip label="Edit (sends a new version)" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label="Edit message"
                disabled={busy}
                onClick={() => {
                  setDraft(m.text);
                  setEditing(true);
                }}
              >
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          ) : tool ? null : (
            <Tooltip label="Regenerate (a new version of this answer)" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label="Regenerate answer"
                disabled={busy}
                onClick={() => onRegenerate(m)}
              >
                <IconRefresh size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      )}
    </Box>
  );
}
