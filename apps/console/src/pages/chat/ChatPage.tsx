import { GatehouseApiError } from "@gatehouse/sdk";
import { Box, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { PageHeader } from "../../ui/PageHeader";
import { usePlaygroundKey } from "../playground/use-playground-key";
import { ChatThread } from "./ChatThread";
import { Composer } from "./Composer";
import { ConversationSidebar } from "./ConversationSidebar";
import { draftSlot } from "./drafts";
import { ModelPicker } from "./ModelPicker";
import { routedByWildcard } from "./model-offers";
import { QuotaBar } from "./QuotaBar";
import { ShortcutsHelp } from "./ShortcutsHelp";
import { chatShortcutOf } from "./shortcuts";
import { useAnswerStream } from "./use-answer-stream";
import { useAttachments } from "./use-attachments";
import { useChatActions } from "./use-chat-actions";
import { useChatModels } from "./use-chat-models";
import { presetSettings, useChatPreset } from "./use-chat-preset";

/** The title of an answer the gateway refused, by HTTP status. */
function refusalTitle(error: unknown): string {
  const status = error instanceof GatehouseApiError ? error.status : undefined;
  if (status === 402) return "Budget reached";
  if (status === 429) return "Quota or rate limit reached";
  return "The model did not answer";
}

/**
 * The chat workspace: the user's conversations in the workspace (sidebar), the branch shown, the
 * composer. Answers are run by the server through the data plane as the user (their playground key) and
 * stored as they stream, with their request id, tokens and cost; a reload mid-answer follows it again.
 */
export function ChatPage() {
  const { origin, client } = useApi();
  const { tenantId, workspace, can } = useScope();
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const workspaceId = workspace?.id ?? "";
  const mayUse = workspace !== undefined && can("models:use", "current");
  const basePath = `/t/${tenantId}/chat`;
  const key = usePlaygroundKey(tenantId, workspace?.id);
  const { models, routes, isPending: modelsPending, error: modelsError } = useChatModels(origin, key, mayUse);
  const modelSlot = `gatehouse.chat-model.${tenantId}.${workspaceId}`;
  const [newModel, setNewModel] = useState(() => localStorage.getItem(modelSlot) ?? "");
  const searchRef = useRef<HTMLInputElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const thread = useQuery({
    queryKey: ["conversations.get", tenantId, workspaceId, conversationId],
    enabled: mayUse && conversationId !== undefined,
    queryFn: () =>
      client.conversations.get({ params: { tenantId, workspaceId, conversationId: conversationId! } }),
  });
  const conversation = conversationId === undefined ? undefined : thread.data?.conversation;
  const branch = conversationId === undefined ? [] : (thread.data?.messages ?? []);
  // A new chat may start from a preset (`?preset=`, the Presets page's "Start chat"); a conversation keeps its own.
  const [search] = useSearchParams();
  const newPresetId = conversationId === undefined ? (search.get("preset") ?? undefined) : undefined;
  const presetId = conversationId === undefined ? newPresetId : conversation?.presetId;
  const { preset, error: presetError } = useChatPreset(tenantId, workspaceId, presetId);
  // A new chat takes its preset's model, else the last model chosen here, else the first one allowed.
  const model =
    conversation?.model ??
    preset?.model ??
    (models.some((m) => m.name === newModel) || routedByWildcard(newModel, routes)
      ? newModel
      : (models[0]?.name ?? ""));
  const stream = useAnswerStream({ tenantId, workspaceId, key });
  const actions = useChatActions({
    tenantId,
    workspaceId,
    basePath,
    conversation,
    branch,
    model,
    newPresetId: preset?.id,
    settings: presetSettings(preset),
    stream,
    modelInfo: (name) => models.find((m) => m.name === name),
  });
  const attachments = useAttachments(tenantId, workspaceId);
  const pending = stream.pending?.conversationId === conversationId ? stream.pending : null;
  // An answer the server is still writing (a reload mid-answer, another tab): follow it here.
  const streamingAnswer = branch.find((m) => m.role === "assistant" && m.status === "streaming");
  const { resume } = stream;
  useEffect(() => {
    if (conversationId !== undefined && streamingAnswer !== undefined)
      resume(conversationId, streamingAnswer);
  }, [conversationId, streamingAnswer, resume]);

  // Another workspace chosen in the header: its conversations are not this one's, so start afresh.
  const shownWorkspace = useRef(workspaceId);
  useEffect(() => {
    if (shownWorkspace.current === workspaceId) return;
    shownWorkspace.current = workspaceId;
    if (conversationId !== undefined) navigate(basePath);
  }, [workspaceId, conversationId, basePath, navigate]);

  const newChat = () => {
    navigate(basePath);
    setTimeout(() => inputRef.current?.focus(), 0);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const which = chatShortcutOf(e);
      if (which === undefined || (which === "stop" && !stream.streaming)) return;
      e.preventDefault();
      if (which === "new") newChat();
      else if (which === "focus") inputRef.current?.focus();
      else if (which === "stop") stream.stop();
      else searchRef.current?.focus();
    };
    // Capture phase: an open tooltip or popover (Floating UI) stops Escape at the document, before a
    // bubbling window listener would hear it, and Esc must stop the answer whatever the mouse hovers.
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  });

  if (!mayUse) {
    return (
      <>
        <PageHeader title="Chat" />
        <EmptyState
          title={workspace === undefined ? "No workspace" : "You may not use models in this workspace"}
        >
          {workspace === undefined
            ? "Choose or create a workspace to chat in it."
            : `Chat needs the models:use permission in ${workspace.name}. Ask an admin for the member role, or switch workspaces.`}
        </EmptyState>
      </>
    );
  }

  const error = actions.error ?? stream.error;
  return (
    <Group
      align="stretch"
      gap="md"
      wrap="nowrap"
      style={{ height: "calc(100dvh - 56px - 2 * var(--mantine-spacing-lg))" }}
    >
      <Box w={280} style={{ flexShrink: 0 }}>
        <ConversationSidebar
          tenantId={tenantId}
          workspaceId={workspaceId}
          activeId={conversationId}
          basePath={basePath}
          searchRef={searchRef}
          onNew={newChat}
          onDeleted={(id) => id === conversationId && navigate(basePath)}
        />
      </Box>
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }} component="main" aria-label="Conversation">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Box style={{ minWidth: 0 }}>
            <Title order={2} size="h4" data-testid="chat-title" lineClamp={1}>
              {conversation?.title ?? "New chat"}
            </Title>
            <Text size="xs" c="dimmed">
              {workspace.name}
              {preset && <span data-testid="chat-preset"> · Preset: {preset.name}</span>}
            </Text>
          </Box>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <QuotaBar tenantId={tenantId} workspaceId={workspaceId} />
            <ModelPicker
              models={models}
              routes={routes}
              value={model}
              loading={modelsPending}
              disabled={actions.busy}
              onChange={(m) => {
                localStorage.setItem(modelSlot, m);
                setNewModel(m);
                void actions.changeModel(m);
              }}
            />
            <ShortcutsHelp />
          </Group>
        </Group>
        <ErrorAlert error={modelsError} title="Could not list the models" />
        <ErrorAlert error={presetError} title="Could not open the preset" />
        <ErrorAlert
          error={conversationId !== undefined ? thread.error : null}
          title="Could not open the conversation"
        />
        <ChatThread
          branch={branch}
          pending={pending}
          busy={actions.busy}
          loading={conversationId !== undefined && thread.isPending}
          onSwitch={(id) => void actions.switchBranch(id)}
          onEdit={(m, text) => void actions.edit(m, text)}
          onRegenerate={(m) => void actions.regenerate(m)}
          onAnswer={(id) => void actions.answer(id)}
          onToolResult={(answerId, callId, text) => void actions.sendToolResult(answerId, callId, text)}
        />
        <Box data-testid="chat-error">
          <ErrorAlert
            error={error}
            title={refusalTitle(error)}
            withCloseButton
            onClose={() => {
              actions.clearError();
              stream.clearError();
            }}
          />
          {error instanceof GatehouseApiError && error.details.requestId && (
            <Text size="xs" c="dimmed" mt={4}>
              Request id {error.details.requestId} (HTTP {error.status})
            </Text>
          )}
        </Box>
        <Composer
          slot={draftSlot(tenantId, workspaceId, conversationId)}
          inputRef={inputRef}
          streaming={stream.streaming}
          disabled={
            actions.busy ||
            model === "" ||
            (conversationId !== undefined && conversation === undefined) ||
            (Boolean(presetId) && preset === undefined && presetError === null)
          }
          onSend={(text, files) => void actions.send(text, files)}
          attachments={attachments}
          onStop={stream.stop}
        />
      </Stack>
    </Group>
  );
}
