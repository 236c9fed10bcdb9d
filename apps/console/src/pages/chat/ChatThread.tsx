import { Box, Button, Loader, ScrollArea, Stack, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useEffect, useRef } from "react";
import { toolCallsOf, toolResultIdOf, unansweredCalls } from "./chat-tools";
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
  onToolResult,
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
  /** Stores the result of a tool call of an answer (and asks for the next answer once all have one). */
  onToolResult(answerId: string, callId: string, text: string): void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const shown = pending ? branchUntil(branch, pending.parentId) : branch;
  const tools = toolState(shown);
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
                waitingCalls={m.id === tools.lastAnswerId ? tools.waiting : undefined}
                toolName={tools.names.get(toolResultIdOf(m.parts) ?? "")}
                onToolResult={onToolResult}
              />
            ))}
            {pending && <PendingAnswerItem answer={pending} />}
            {!pending && !busy && (shown.at(-1)?.role === "user" || tools.allAnswered) && (
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

/**
 * The tool calls of the branch shown: each call's tool name (to label results), and the calls of the
 * last answer still waiting for a result — only while nothing but results follows it.
 */
function toolState(shown: readonly BranchMessage[]) {
  const names = new Map(shown.flatMap((m) => toolCallsOf(m.parts).map((c) => [c.id, c.name] as const)));
  let at = shown.length - 1;
  while (at >= 0 && shown[at]!.role === "tool") at--;
  const last = shown[at];
  const waiting =
    last?.role === "assistant"
      ? new Set(unansweredCalls(shown, last.id).map((c) => c.id))
      : new Set<string>();
  // Every call answered but no answer after the results (it failed, or was refused): offer to ask again.
  const allAnswered = shown.at(-1)?.role === "tool" && waiting.size === 0;
  return { names, lastAnswerId: last?.role === "assistant" ? last.id : undefined, waiting, allAnswered };
}
