import { Box, Group, Loader, Text } from "@mantine/core";
import { Markdown } from "../playground/Markdown";
import type { PendingAnswer } from "./use-answer-stream";

/** The answer while the server writes it: the text so far, a progress indicator. */
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
      {answer.stopping && (
        <Text size="xs" c="orange">
          Stopping…
        </Text>
      )}
    </Box>
  );
}
