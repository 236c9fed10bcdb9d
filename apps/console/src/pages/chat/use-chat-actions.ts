import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useApi } from "../../api/api-context";
import type { PlaygroundSettings } from "../playground/playground-request";
import { wireHistoryWithFiles } from "./attachment-history";
import { type FileContext, type FilePart, filePartsOf, imagesRefusal } from "./chat-attachments";
import { unansweredCalls } from "./chat-tools";
import { type BranchMessage, branchUntil, type Conversation } from "./chat-tree";
import type { useAnswerStream } from "./use-answer-stream";

/**
 * What the user does in a conversation, in API calls: send (creating the conversation first when
 * there is none), edit a question (a sibling under the same parent: a new branch), regenerate an
 * answer (a sibling answer to the same question), answer the model's tool calls, switch branch, change
 * model. After the first answer
 * the server titles a conversation still called "New chat" (a title model, or its first question).
 */
export function useChatActions(deps: {
  tenantId: string;
  workspaceId: string;
  basePath: string;
  conversation: Conversation | undefined;
  branch: BranchMessage[];
  model: string;
  /** The preset a new chat starts from (`?preset=`), stored on the conversation it creates. */
  newPresetId?: string | undefined;
  /** The settings of the conversation's preset (presetSettings), sent with every answer. */
  settings: PlaygroundSettings;
  stream: ReturnType<typeof useAnswerStream>;
  /** What the catalog says of a model (capabilities: images need `vision`); undefined when unknown. */
  modelInfo(name: string): { name: string; capabilities: readonly string[] } | undefined;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // From the question's storing to the answer's: a second send meanwhile would branch by accident.
  const [busy, setBusy] = useState(false);
  // Files' contexts (an image's data URL, a document's text) never change: fetched once per page.
  const contexts = useRef(new Map<string, Promise<FileContext>>());
  const { tenantId, workspaceId, basePath, conversation, branch, model, settings, stream } = deps;
  const ws = { tenantId, workspaceId };
  const refetch = (id: string) =>
    queryClient.invalidateQueries({ queryKey: ["conversations.get", tenantId, workspaceId, id] });
  const refetchList = () =>
    queryClient.invalidateQueries({ queryKey: ["conversations.list", tenantId, workspaceId] });

  const guarded = useCallback(
    async (f: () => Promise<void>) => {
      setError(null);
      stream.clearError();
      setBusy(true);
      try {
        await f();
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [stream],
  );

  const contextOf = (fileId: string) => {
    const known = contexts.current.get(fileId);
    if (known !== undefined) return known;
    const fetched: Promise<FileContext> = client.chatFiles.context({ params: { ...ws, fileId } });
    // A failed fetch is not kept: the next send tries again.
    fetched.catch(() => contexts.current.delete(fileId));
    contexts.current.set(fileId, fetched);
    return fetched;
  };
  /** The branch as the model gets it, attachments included; refused before sending when it cannot take images. */
  const historyFor = async (model: string, onBranch: Pick<BranchMessage, "role" | "text" | "parts">[]) => {
    const refusal = imagesRefusal(
      deps.modelInfo(model),
      onBranch.flatMap((m) => filePartsOf(m.parts)),
    );
    if (refusal !== null) throw new Error(refusal);
    return wireHistoryWithFiles(onBranch, contextOf);
  };

  /** Stores a question under `parentId` of `onBranch` and streams its answer. */
  const ask = async (
    conv: Conversation,
    onBranch: BranchMessage[],
    parentId: string | null,
    text: string,
    files: FilePart[] = [],
  ) => {
    // Before the question is stored: the images of the whole branch go to the model, not only the new ones.
    const earlier = branchUntil(onBranch, parentId).flatMap((m) => filePartsOf(m.parts));
    const refusal = imagesRefusal(deps.modelInfo(conv.model), [...earlier, ...files]);
    if (refusal !== null) throw new Error(refusal);
    const params = { ...ws, conversationId: conv.id };
    const { message } = await client.conversations.appendMessage({
      params,
      body: { parentId, role: "user", text, ...(files.length > 0 && { parts: files }) },
    });
    await refetch(conv.id);
    const asked = [...branchUntil(onBranch, parentId), message];
    // The server titles a conversation still called "New chat" before the answer's end is announced.
    await stream.run({
      conversationId: conv.id,
      parentId: message.id,
      model: conv.model,
      history: await historyFor(conv.model, asked),
      settings,
    });
  };

  const send = (text: string, files: FilePart[] = []) =>
    guarded(async () => {
      const refusal = imagesRefusal(deps.modelInfo(conversation?.model ?? model), files);
      if (refusal !== null) throw new Error(refusal);
      let conv = conversation;
      if (conv === undefined) {
        const presetId = deps.newPresetId;
        conv = await client.conversations.create({
          params: ws,
          body: { model, ...(presetId && { presetId }) },
        });
        void refetchList();
        navigate(`${basePath}/${conv.id}`);
      }
      const onBranch = conversation === undefined ? [] : branch;
      await ask(conv, onBranch, onBranch.at(-1)?.id ?? null, text, files);
    });

  const edit = (m: BranchMessage, text: string) =>
    guarded(async () => {
      // The edited question keeps its attachments.
      if (conversation) await ask(conversation, branch, m.parentId, text, filePartsOf(m.parts));
    });

  /** Streams a (new) answer to the question `questionId` of the branch. */
  const answer = (questionId: string) =>
    guarded(async () => {
      if (conversation === undefined) return;
      await stream.run({
        conversationId: conversation.id,
        parentId: questionId,
        model: conversation.model,
        history: await historyFor(conversation.model, branchUntil(branch, questionId)),
        settings,
      });
    });
  /**
   * Stores the result of the tool call `callId` of the answer `answerId` (a `tool` message under the
   * branch's last message: the answer, or the results given before) and, once every call of the answer
   * has one, asks for the next answer.
   */
  const sendToolResult = (answerId: string, callId: string, text: string) =>
    guarded(async () => {
      if (conversation === undefined) return;
      const params = { ...ws, conversationId: conversation.id };
      const parentId = branch.at(-1)?.id ?? answerId;
      const { message } = await client.conversations.appendMessage({
        params,
        body: { parentId, role: "tool", text, parts: [{ type: "tool_result", toolCallId: callId }] },
      });
      await refetch(conversation.id);
      const onBranch = [...branch, message];
      if (unansweredCalls(onBranch, answerId).length > 0) return;
      await stream.run({
        conversationId: conversation.id,
        parentId: message.id,
        model: conversation.model,
        history: await historyFor(conversation.model, onBranch),
        settings,
      });
    });

  const regenerate = (m: BranchMessage) => (m.parentId === null ? Promise.resolve() : answer(m.parentId));

  const switchBranch = (messageId: string) =>
    guarded(async () => {
      if (conversation === undefined) return;
      await client.conversations.update({
        params: { ...ws, conversationId: conversation.id },
        body: { activeLeafId: messageId },
      });
      await refetch(conversation.id);
    });

  const changeModel = (next: string) =>
    guarded(async () => {
      if (conversation === undefined) return;
      await client.conversations.update({
        params: { ...ws, conversationId: conversation.id },
        body: { model: next },
      });
      await Promise.all([refetch(conversation.id), refetchList()]);
    });

  return {
    busy,
    error,
    clearError: () => setError(null),
    send,
    edit,
    answer,
    regenerate,
    sendToolResult,
    switchBranch,
    changeModel,
  };
}
