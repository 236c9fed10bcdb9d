import { Autocomplete, Button, Grid, Group, Paper, Stack, Switch, Textarea } from "@mantine/core";
import { IconCode, IconPlayerStop, IconSend, IconTrash } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageHeader } from "../../ui/PageHeader";
import { useUrlState } from "../../ui/use-url-state";
import { ChatPane } from "./ChatPane";
import { codeSnippets } from "./code-snippets";
import { DEFAULT_SETTINGS, type PlaygroundSettings, parseTools } from "./playground-request";
import { SettingsPanel } from "./SettingsPanel";
import { useChatSession } from "./use-chat-session";
import { useModelNames } from "./use-model-names";
import { usePlaygroundKey } from "./use-playground-key";
import { ViewAsCode } from "./ViewAsCode";

/**
 * Try models: a streaming chat with one model, or the same prompt to two side by side, with the
 * request's settings and tools, each answer's tokens and cost, and the request as code. It calls the
 * data plane with a short-lived key of the user's own (see use-playground-key.ts).
 */
export function PlaygroundPage() {
  const { origin } = useApi();
  const { tenantId, workspace, can } = useScope();
  const mayUse = workspace !== undefined && can("models:use", "current");
  const [url, setUrl] = useUrlState(["model", "compare", "with"]);
  const model = url.model ?? "";
  const compare = url.compare === "1";
  const other = url.with ?? "";
  const [settings, setSettings] = useState<PlaygroundSettings>(DEFAULT_SETTINGS);
  const [prompt, setPrompt] = useState("");
  const [codeOpen, setCodeOpen] = useState(false);
  const key = usePlaygroundKey(tenantId, workspace?.id);
  const models = useModelNames(origin, tenantId, workspace?.id, key, mayUse);
  const a = useChatSession({ origin, model, settings, key });
  const b = useChatSession({ origin, model: other, settings, key });
  const sessions = compare ? [a, b] : [a];
  const streaming = sessions.some((s) => s.streaming);
  const toolsError = parseTools(settings.tools) instanceof Error;
  const ready =
    model.trim() !== "" && (!compare || other.trim() !== "") && prompt.trim() !== "" && !toolsError;
  const snippets = useMemo(
    () =>
      codeSnippets(origin, model || "MODEL", settings, [
        ...a.entries.filter((e) => !e.partial),
        ...(prompt.trim() ? [{ role: "user" as const, content: prompt }] : []),
      ]),
    [origin, model, settings, a.entries, prompt],
  );

  if (workspace === undefined) {
    return (
      <>
        <PageHeader title="Playground" />
        <EmptyState title="No workspace">Choose or create a workspace to try models in it.</EmptyState>
      </>
    );
  }
  if (!mayUse) {
    return (
      <>
        <PageHeader title="Playground" />
        <EmptyState title="You may not use models in this workspace">
          The playground needs the models:use permission in {workspace.name}. Ask an admin for the member
          role, or switch workspaces.
        </EmptyState>
      </>
    );
  }

  const send = () => {
    if (!ready || streaming) return;
    for (const s of sessions) void s.send(prompt);
    setPrompt("");
  };
  const modelData = models.data ?? [];

  return (
    <>
      <PageHeader
        title="Playground"
        description={`Try models in ${workspace.name}: answers are metered to you, like your own API keys.`}
        actions={
          <Button variant="default" leftSection={<IconCode size={16} />} onClick={() => setCodeOpen(true)}>
            View as code
          </Button>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <SettingsPanel settings={settings} onChange={(p) => setSettings((s) => ({ ...s, ...p }))} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          <Stack gap="sm">
            <Paper withBorder p="sm" radius="md">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <Autocomplete
                  label={compare ? "Model A" : "Model"}
                  placeholder="e.g. openai/gpt-4o-mini"
                  data={modelData}
                  value={model}
                  data-testid="model-a"
                  onChange={(v) => setUrl({ model: v })}
                  style={{ flex: 1, minWidth: 200 }}
                  limit={50}
                />
                {compare && (
                  <Autocomplete
                    label="Model B"
                    placeholder="a second model"
                    data={modelData}
                    value={other}
                    data-testid="model-b"
                    onChange={(v) => setUrl({ with: v })}
                    style={{ flex: 1, minWidth: 200 }}
                    limit={50}
                  />
                )}
                <Switch
                  label="Compare two models"
                  checked={compare}
                  onChange={(e) => setUrl({ compare: e.currentTarget.checked ? "1" : undefined })}
                  mb={8}
                />
              </Group>
              <ErrorAlert error={models.error} title="Could not list the models" mt="xs" />
            </Paper>
            <Group align="stretch" gap="sm" wrap="nowrap">
              <ChatPane title={model} session={a} />
              {compare && <ChatPane title={other} session={b} />}
            </Group>
            <Paper withBorder p="sm" radius="md">
              <Textarea
                label="Message"
                placeholder="Ask something… (Ctrl+Enter sends)"
                autosize
                minRows={2}
                maxRows={10}
                value={prompt}
                onChange={(e) => setPrompt(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    send();
                  }
                }}
              />
              <Group justify="flex-end" mt="sm" gap="xs">
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => {
                    for (const s of sessions) s.clear();
                  }}
                  disabled={streaming || sessions.every((s) => s.entries.length === 0)}
                >
                  Clear
                </Button>
                {streaming ? (
                  <Button
                    color="red"
                    leftSection={<IconPlayerStop size={16} />}
                    onClick={() => {
                      for (const s of sessions) s.stop();
                    }}
                  >
                    Stop
                  </Button>
                ) : (
                  <Button leftSection={<IconSend size={16} />} onClick={send} disabled={!ready}>
                    Send
                  </Button>
                )}
              </Group>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <ViewAsCode opened={codeOpen} onClose={() => setCodeOpen(false)} snippets={snippets} />
    </>
  );
}
