import { Box, Button, Loader, ScrollArea, Stack, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { type BranchMessage, branchUntil } from "./chat-tree";
import { MessageItem } from "./MessageItem";
import { PendingAnswerItem } from "./PendingAnswerItem";
import type { PendingAnswer } from "./use-answer-stream";

/**
 * The branch shown, root first; while an answer streams, the branch up to its question and the answer
 * growing under it. Scrolls to the bottom as the answer grows.
 */
export function ChatThread({
  branch,
  pending,
  busy,
  loading,
  onSwitch,
  onEdit,
  onRegenerate,
  onAnswer,
}: {
  branch: BranchMessage[];
  pending: PendingAnswer | null;
  /** Something is being sent or streamed: no second action meanwhile. */
  busy: boolean;
  loading: boolean;
  onSwitch(id: string): void;
  onEdit(m: BranchMessage, text: string): void;
  onRegenerate(m: BranchMessage): void;
  /** Asks for an answer to a question left without one (refused, failed, or stopped before any text). */
  onAnswer(questionId: string): void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const shown = pending ? branchUntil(branch, pending.parentId) : branch;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll down whenever the thread grows
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [pending?.text, shown.length]);

  return (
    <ScrollArea style={{ flex: 1 }} viewportRef={viewport} offsetScrollbars type="auto">
      <Box maw={860} mx="auto" px="xs" aria-live="polite">
        {loading ? (
          <Loader m="xl" aria-label="Loading the conversation" />
        ) : shown.length === 0 && !pending ? (
          <Text c="dimmed" ta="center" py={80}>
            Ask anything: the answer streams here. Pick the model above.
          </Text>
        ) : (
          <Stack gap="xs" py="sm">
            {shown.map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                busy={busy}
                onSwitch={onSwitch}
                onEdit={onEdit}
                onRegenerate={onRegenerate}
              />
            ))}
            {pending && <PendingAnswerItem answer={pending} />}
            {!pending && !busy && shown.at(-1)?.role === "user" && (
              <Box>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconRefresh size={14} />}
                  onClick={() => onAnswer(shown.at(-1)!.id)}
                >
                  Get an answer
                </Button>
              </Box>
            )}
          </Stack>
        )}
      </Box>
    </ScrollArea>
  );
}
