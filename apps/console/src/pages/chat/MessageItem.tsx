import { ActionIcon, Badge, Box, Button, CopyButton, Group, Text, Textarea, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconPencil, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import { Markdown } from "../playground/Markdown";
import { AnswerFigures } from "./AnswerFigures";
import { MessageAttachments } from "./AttachmentChips";
import { BranchSwitcher } from "./BranchSwitcher";
import { filePartsOf } from "./chat-attachments";
import type { BranchMessage } from "./chat-tree";

/**
 * One stored message of the branch shown: its markdown, the branch switcher when it has siblings, copy,
 * and edit (a question: sent again as a sibling, which starts a new branch) or regenerate (an answer: a
 * new sibling answer to the same question). Answers show their model, tokens and cost, and whether they
 * were stopped (the text is what came until then) or failed (with why).
 */
export function MessageItem({
  message: m,
  busy,
  onSwitch,
  onEdit,
  onRegenerate,
}: {
  message: BranchMessage;
  /** An answer is streaming: actions that would start another wait. */
  busy: boolean;
  onSwitch(id: string): void;
  onEdit(message: BranchMessage, text: string): void;
  onRegenerate(message: BranchMessage): void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.text);
  const user = m.role === "user";
  const save = () => {
    if (draft.trim() === "" || busy) return;
    setEditing(false);
    onEdit(m, draft);
  };

  return (
    <Box
      data-testid={user ? "user-message" : "assistant-message"}
      data-partial="false"
      p="sm"
      style={{
        borderRadius: 8,
        background: user ? "var(--mantine-color-default-hover)" : "transparent",
      }}
    >
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {user ? "You" : "Assistant"}
      </Text>
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
      ) : (
        <Markdown text={m.text} />
      )}
      {user && <MessageAttachments parts={filePartsOf(m.parts)} />}
      {!user && m.status === "stopped" && (
        <Badge size="sm" variant="light" color="orange" mt={4} data-testid="answer-stopped">
          Stopped
        </Badge>
      )}
      {!user && m.status === "failed" && (
        <Text size="sm" c="red" mt={4} data-testid="answer-failed">
          The answer failed: {m.error ?? "unknown error"}
        </Text>
      )}
      {!user && <AnswerFigures message={m} />}
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
          ) : (
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
