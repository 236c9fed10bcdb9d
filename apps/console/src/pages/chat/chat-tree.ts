import type { OperationOutput, PageItem } from "@gatehouse/sdk";
import type { PlaygroundMessage } from "../playground/playground-request";

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

/** The turns sent to the model for a branch: user and assistant messages in order (no empty answers). */
export function wireHistory(branch: readonly Pick<BranchMessage, "role" | "text">[]): PlaygroundMessage[] {
  return branch
    .filter((m) => m.role === "user" || (m.role === "assistant" && m.text !== ""))
    .map((m) => ({ role: m.role === "user" ? "user" : "assistant", content: m.text }));
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
