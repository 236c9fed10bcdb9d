import { Button, Group, Text, Textarea } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { withExampleTool } from "./preset-tools";

/**
 * The preset form's tools: a JSON array of function tools (OpenAI's Chat Completions shape), with
 * "Add example" and the first problem shown under the field as it is typed.
 */
export function PresetToolsField({
  value,
  error,
  onChange,
}: {
  value: string;
  /** The problem with the text (parsePresetTools), or null. */
  error: string | null;
  onChange(text: string): void;
}) {
  return (
    <div>
      <Group justify="space-between" align="flex-end" mb={4}>
        <div>
          <Text size="sm" fw={500}>
            Tools
          </Text>
          <Text size="xs" c="dimmed">
            Function tools the model may call; you give each call's result in the chat. Up to 32.
          </Text>
        </div>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange(withExampleTool(value))}
        >
          Add example
        </Button>
      </Group>
      <Textarea
        aria-label="Tools (JSON)"
        placeholder='[{ "type": "function", "function": { "name": "get_weather", "parameters": { "type": "object" } } }]'
        autosize
        minRows={3}
        maxRows={14}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
        value={value}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </div>
  );
}
