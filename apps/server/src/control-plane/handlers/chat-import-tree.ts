import { CHAT_MESSAGE_MAX_BYTES } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ImportedMessage } from "../../store/chat-library/chat-import-repo.js";

/** What a message of a source file says, once read; null for a node that is not kept (see SourceNode). */
export type SourceMessage = Omit<ImportedMessage, "key" | "parentKey">;

/**
 * One node of a source's tree: its key (the source's id), its parent's key (null: a root), and its
 * message — null when the node is dropped (an empty root, a hidden system prompt, a tool call), in which
 * case its children hang from its nearest kept ancestor.
 */
export interface SourceNode {
  key: string;
  parentKey: string | null;
  message: SourceMessage | null;
}

/** The kept messages, each parent before its children, and the key of the message to show. */
export interface ImportTree {
  messages: ImportedMessage[];
  activeKey: string | null;
}

/**
 * A source's nodes → the tree to store: dropped nodes are bypassed (a kept node's parent becomes its
 * nearest kept ancestor), every parent comes before its children, and the active message is the source's
 * (or its nearest kept ancestor; the newest message when none is named). Refuses with `invalid_request`
 * a key used twice, a parent that is not in the source, a cycle, or a text over 1 MiB.
 *
 * @example
 * buildImportTree([{ key: "r", parentKey: null, message: null },
 *   { key: "u", parentKey: "r", message: { role: "user", text: "Hi", model: null, createdAt: 1 } }], "u");
 * // { messages: [{ key: "u", parentKey: null, … }], activeKey: "u" }
 */
export function buildImportTree(nodes: readonly SourceNode[], activeKey: string | null): ImportTree {
  const byKey = new Map<string, SourceNode>();
  for (const n of nodes) {
    if (byKey.has(n.key)) throw invalid(`the message id '${short(n.key)}' appears twice`);
    byKey.set(n.key, n);
  }
  const children = new Map<string | null, SourceNode[]>();
  for (const n of nodes) {
    if (n.parentKey !== null && !byKey.has(n.parentKey)) {
      throw invalid(
        `the message '${short(n.key)}' answers '${short(n.parentKey)}', which is not in the file`,
      );
    }
    if (n.message !== null && Buffer.byteLength(n.message.text, "utf8") > CHAT_MESSAGE_MAX_BYTES) {
      throw invalid(`the message '${short(n.key)}' is larger than 1 MiB`);
    }
    const list = children.get(n.parentKey) ?? [];
    list.push(n);
    children.set(n.parentKey, list);
  }
  // Depth-first from the roots with an explicit stack (a long thread must not exhaust the call stack).
  const messages: ImportedMessage[] = [];
  const keptAncestor = new Map<string, string | null>();
  const stack: { node: SourceNode; kept: string | null }[] = (children.get(null) ?? [])
    .map((node) => ({ node, kept: null }))
    .reverse();
  let visited = 0;
  while (stack.length > 0) {
    const { node, kept } = stack.pop()!;
    visited += 1;
    if (node.message !== null) messages.push({ key: node.key, parentKey: kept, ...node.message });
    const below = node.message !== null ? node.key : kept;
    keptAncestor.set(node.key, below);
    for (const child of [...(children.get(node.key) ?? [])].reverse())
      stack.push({ node: child, kept: below });
  }
  // Nodes never reached from a root sit on a cycle (or hang from one).
  if (visited !== nodes.length) throw invalid("its messages' parent links form a cycle");
  const active = activeKey !== null && byKey.has(activeKey) ? (keptAncestor.get(activeKey) ?? null) : null;
  return { messages, activeKey: active ?? newestKey(messages) };
}

function newestKey(messages: readonly ImportedMessage[]): string | null {
  let best: ImportedMessage | undefined;
  for (const m of messages) if (best === undefined || m.createdAt >= best.createdAt) best = m;
  return best?.key ?? null;
}

function short(key: string): string {
  return key.length > 60 ? `${key.slice(0, 60)}…` : key;
}

function invalid(why: string): GatewayError {
  return new GatewayError("invalid_request", `The file cannot be imported: ${why}.`);
}
