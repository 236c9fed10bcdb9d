import {
  Button,
  Group,
  JsonInput,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type PlaygroundSettings, parseTools } from "./playground-request";

const EXAMPLE_TOOLS = JSON.stringify(
  [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "The current weather in a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    },
  ],
  null,
  2,
);

const APIS = [
  { value: "chat", label: "Chat Completions" },
  { value: "responses", label: "Responses" },
];

/** The request's settings: the API, system prompt, sampling parameters, JSON mode and tool definitions. */
export function SettingsPanel({
  settings,
  onChange,
}: {
  settings: PlaygroundSettings;
  onChange(patch: Partial<PlaygroundSettings>): void;
}) {
  const tools = parseTools(settings.tools);
  const num = (v: string | number) => (v === "" ? "" : Number(v));
  const responses = settings.api === "responses";
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label="Request settings">
      <Stack gap="sm">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="playground-api-label">
            API
          </Text>
          <SegmentedControl
            fullWidth
            size="xs"
            aria-labelledby="playground-api-label"
            data={APIS}
            value={settings.api}
            onChange={(v) => onChange({ api: v === "responses" ? "responses" : "chat" })}
          />
          <Text size="xs" c="dimmed">
            {responses ? "POST /v1/responses (client.responses.create)" : "POST /v1/chat/completions"}
          </Text>
        </Stack>
        <Textarea
          label="System prompt"
          placeholder="You are a helpful assistant."
          autosize
          minRows={2}
          maxRows={8}
          value={settings.system}
          onChange={(e) => onChange({ system: e.currentTarget.value })}
        />
        <Group grow gap="xs">
          <NumberInput
            label="Temperature"
            min={0}
            max={2}
            step={0.1}
            decimalScale={2}
            placeholder="default"
            value={settings.temperature}
            onChange={(v) => onChange({ temperature: num(v) })}
          />
          <NumberInput
            label="Top P"
            min={0}
            max={1}
            step={0.05}
            decimalScale={2}
            placeholder="default"
            value={settings.topP}
            onChange={(v) => onChange({ topP: num(v) })}
          />
        </Group>
        <Group grow gap="xs">
          <NumberInput
            label="Max tokens"
            min={1}
            max={1_000_000}
            allowDecimal={false}
            placeholder="default"
            value={settings.maxTokens}
            onChange={(v) => onChange({ maxTokens: num(v) })}
          />
          <TextInput
            label="Stop sequences"
            description={responses ? "Not in the Responses API" : "Comma-separated"}
            placeholder="none"
            disabled={responses}
            value={settings.stop}
            onChange={(e) => onChange({ stop: e.currentTarget.value })}
          />
        </Group>
        <Switch
          label={
            responses ? "JSON mode (text.format json_object)" : "JSON mode (response_format json_object)"
          }
          checked={settings.jsonMode}
          onChange={(e) => onChange({ jsonMode: e.currentTarget.checked })}
        />
        <JsonInput
          label="Tools"
          description="The request's tools array (OpenAI format; flattened for the Responses API); the model's tool calls show in the answer."
          placeholder="[]"
          autosize
          minRows={3}
          maxRows={14}
          formatOnBlur
          value={settings.tools}
          onChange={(v) => onChange({ tools: v })}
          error={tools instanceof Error ? tools.message : undefined}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
        />
        {settings.tools.trim() === "" && (
          <Button variant="subtle" size="compact-xs" onClick={() => onChange({ tools: EXAMPLE_TOOLS })}>
            Insert an example tool
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
