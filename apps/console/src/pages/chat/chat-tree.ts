import type { OperationOutput, PageItem } from "@gatehouse/sdk";
import type { PlaygroundMessage, ToolCall } from "../playground/playground-request";
import { toolCallsOf, toolResultIdOf } from "./chat-tools";

/** A message of the active branch as conversations.get answers it (with its siblings' ids). */
export type BranchMessage = OperationOutput<"conversations.get">["messages"][number];
/** A conversation as the API answers it. */
export type Conversation = PageItem<"conversations.list">;

/**
 * The branch from its root down to `id` included; the whole branch when `id` is null or not on it (a
 * message being answered is always on the branch shown, so that case only arises mid-refetch).
 */
export function branchUntil<T extends { id: string }>(branch: readonly T[], id: string | null): T[] {
  if (id === null) return [];
  const at = branch.findIndex((m) => m.id === id);
  return at === -1 ? [...branch] : branch.slice(0, at + 1);
}

/** What the history needs of a message. */
type WireMessage = Pick<BranchMessage, "role" | "text"> & { parts?: readonly unknown[] };

/**
 * The turns sent to the model for a branch: user turns, answers (with the tool calls that got results:
 * `assistant` with `tool_calls`) and tool results (`tool` with `tool_call_id`), in order; empty answers
 * and calls never answered are left out, so any upstream gets a valid conversation.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function wireHistory(branch: readonly WireMessage[]): PlaygroundMessage[] {
  return onWire(branch).map(({ message: m, calls }) => {
    if (m.role === "tool")
      return { role: "tool", content: m.text, toolCallId: toolResultIdOf(m.parts ?? [])! };
    if (m.role === "user") return { role: "user", content: m.text };
    return { role: "assistant", content: m.text, ...(calls.length > 0 && { toolCalls: calls }) };
  });
}

/**
 * The messages of a branch the model gets, each answer with its answered calls (see wireHistory); the
 * order and count of wireHistory's turns, so a caller can pair them.
 */
export function onWire<M extends WireMessage>(branch: readonly M[]): { message: M; calls: ToolCall[] }[] {
  const results = new Set(branch.flatMap((m) => (m.role === "tool" ? [toolResultIdOf(m.parts ?? [])] : [])));
  return branch.flatMap((m) => {
    if (m.role === "user") return [{ message: m, calls: [] }];
    if (m.role === "tool")
      return toolResultIdOf(m.parts ?? []) === undefined ? [] : [{ message: m, calls: [] }];
    if (m.role !== "assistant") return [];
    const calls = toolCallsOf(m.parts ?? []).filter((c) => results.has(c.id));
    return m.text === "" && calls.length === 0 ? [] : [{ message: m, calls }];
  });
}

/** Where a message stands among its siblings (1-based) and the ids either side, for "‹ 2/3 ›". */
export interface SiblingPosition {
  index: number;
  count: number;
  previous: string | null;
  next: string | null;
}

/** The position of a message among its siblings (`siblingIds` is oldest first and includes itself). */
export function siblingPosition(m: Pick<BranchMessage, "id" | "siblingIds">): SiblingPosition {
  const ids = m.siblingIds.length > 0 ? m.siblingIds : [m.id];
  const at = Math.max(0, ids.indexOf(m.id));
  return {
    index: at + 1,
    count: ids.length,
    previous: at > 0 ? ids[at - 1]! : null,
    next: at < ids.length - 1 ? ids[at + 1]! : null,
  };
}
