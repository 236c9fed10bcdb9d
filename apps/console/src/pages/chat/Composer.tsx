import { Button, Group, Paper, Text, Textarea } from "@mantine/core";
import { IconPlayerStop, IconSend } from "@tabler/icons-react";
import type { RefObject } from "react";
import { useEffect, useState } from "react";
import { loadDraft, saveDraft } from "./drafts";

/**
 * The message box: Enter sends, Shift+Enter starts a new line (and Enter while an input method is
 * composing does not send). Its text is the conversation's draft, kept in local storage per slot.
 */
export function Composer({
  slot,
  inputRef,
  streaming,
  disabled,
  onSend,
  onStop,
}: {
  /** The draft's storage slot (one per conversation). */
  slot: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  disabled: boolean;
  onSend(text: string): void;
  onStop(): void;
}) {
  const [text, setText] = useState(() => loadDraft(localStorage, slot));
  // Another conversation: its own draft.
  useEffect(() => setText(loadDraft(localStorage, slot)), [slot]);
  const change = (value: string) => {
    setText(value);
    saveDraft(localStorage, slot, value);
  };
  const ready = text.trim() !== "" && !streaming && !disabled;
  const send = () => {
    if (!ready) return;
    onSend(text);
    change("");
  };
  return (
    <Paper withBorder p="xs" radius="md">
      <Textarea
        ref={inputRef}
        aria-label="Message"
        placeholder="Message… (Enter sends, Shift+Enter for a new line)"
        autosize
        minRows={2}
        maxRows={10}
        variant="unstyled"
        px="xs"
        value={text}
        onChange={(e) => change(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          Answers are gateway traffic: metered and budgeted to you.
        </Text>
        {streaming ? (
          <Button color="red" size="xs" leftSection={<IconPlayerStop size={14} />} onClick={onStop}>
            Stop
          </Button>
        ) : (
          <Button size="xs" leftSection={<IconSend size={14} />} onClick={send} disabled={!ready}>
            Send
          </Button>
        )}
      </Group>
    </Paper>
  );
}
