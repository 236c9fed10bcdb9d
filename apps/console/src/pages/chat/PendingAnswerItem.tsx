import { Box, Group, Loader, Text } from "@mantine/core";
import { formatCount } from "../../ui/format";
import { Markdown } from "../playground/Markdown";
import type { PendingAnswer } from "./use-answer-stream";

/** The answer while it streams (before it is stored): the text so far, a progress indicator. */
export function PendingAnswerItem({ answer }: { answer: PendingAnswer }) {
  return (
    <Box data-testid="assistant-message" data-partial="true" p="sm" aria-busy="true">
      <Group gap="xs">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Assistant
        </Text>
        <Loader size={12} aria-label="Answer streaming" />
      </Group>
      {answer.text === "" ? <Loader type="dots" size="sm" /> : <Markdown text={answer.text} />}
      {answer.usage && (
        <Text size="xs" c="dimmed">
          {formatCount(answer.usage.promptTokens)} in · {formatCount(answer.usage.completionTokens)} out
          tokens
        </Text>
      )}
      {answer.stopped && (
        <Text size="xs" c="orange">
          Stopped
        </Text>
      )}
    </Box>
  );
}
