import { ActionIcon, Button, FileButton, Group, Paper, Text, Textarea, Tooltip } from "@mantine/core";
import { IconPaperclip, IconPlayerStop, IconSend } from "@tabler/icons-react";
import type { RefObject } from "react";
import { useEffect, useState } from "react";
import { ComposerChips } from "./AttachmentChips";
import type { FilePart } from "./chat-attachments";
import { loadDraft, saveDraft } from "./drafts";
import type { useAttachments } from "./use-attachments";

/**
 * The message box: Enter sends, Shift+Enter starts a new line (and Enter while an input method is
 * composing does not send). Its text is the conversation's draft, kept in local storage per slot.
 * Files are attached with the paperclip, by pasting or by dropping them on the box: each uploads at once,
 * shown as a chip (progress, refusal, remove); Send waits until none is uploading.
 */
export function Composer({
  slot,
  inputRef,
  streaming,
  disabled,
  onSend,
  onStop,
  attachments,
}: {
  /** The draft's storage slot (one per conversation). */
  slot: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  disabled: boolean;
  onSend(text: string, files: FilePart[]): void;
  onStop(): void;
  attachments: ReturnType<typeof useAttachments>;
}) {
  const [text, setText] = useState(() => loadDraft(localStorage, slot));
  // Another conversation: its own draft.
  useEffect(() => setText(loadDraft(localStorage, slot)), [slot]);
  const change = (value: string) => {
    setText(value);
    saveDraft(localStorage, slot, value);
  };
  const ready =
    (text.trim() !== "" || attachments.ready.length > 0) && !attachments.uploading && !streaming && !disabled;
  const send = () => {
    if (!ready) return;
    onSend(text, attachments.ready);
    change("");
    attachments.clear();
  };
  return (
    <Paper
      withBorder
      p="xs"
      radius="md"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        attachments.add([...e.dataTransfer.files]);
      }}
    >
      <ComposerChips items={attachments.items} onRemove={attachments.remove} />
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
        onPaste={(e) => {
          if (e.clipboardData.files.length === 0) return;
          e.preventDefault();
          attachments.add([...e.clipboardData.files]);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Group justify="space-between" gap="xs">
        <FileButton
          multiple
          onChange={(files) => attachments.add(files)}
          accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,.docx,.txt,.md,.markdown,text/*"
        >
          {(props) => (
            <Tooltip label="Attach files (images, text, Markdown, PDF, docx)">
              <ActionIcon {...props} variant="subtle" color="gray" aria-label="Attach files">
                <IconPaperclip size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" style={{ flex: 1 }}>
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
