import type { ChatRole } from "../../store/chat/chat-types.js";
import type { ImportedConversation } from "../../store/chat-library/chat-import-repo.js";
import { isRecord, modelOf, msFromSeconds, stringOf, titleOf } from "./chat-import-fields.js";
import { buildImportTree, type SourceNode } from "./chat-import-tree.js";

/**
 * Whether a value looks like one ChatGPT conversation: an object with a `mapping` object.
 * See https://help.openai.com/en/articles/7260999-how-do-i-export-my-chatgpt-history-and-data
 */
export function isChatGptConversation(v: unknown): boolean {
  return isRecord(v) && isRecord(v.mapping);
}

/**
 * One conversation of ChatGPT's `conversations.json` (the data export) → a conversation to import.
 * `mapping` holds every node by id, each with `parent`, `children` and a `message` (`author.role`,
 * `content.content_type` and `parts`, `create_time` in seconds, `metadata.model_slug`); `current_node` is
 * the message shown. Nodes without text (the empty root, hidden system prompts, tool calls and their
 * outputs) are bypassed; text parts are joined, code is fenced. Throws `invalid_request` when malformed.
 *
 * @example
 * decodeChatGptConversation({ title: "Hi", create_time: 1.7e9, current_node: "b", mapping: { … } });
 */
export function decodeChatGptConversation(c: Record<string, unknown>, now: number): ImportedConversation {
  const mapping = c.mapping as Record<string, unknown>;
  const createdAt = msFromSeconds(c.create_time) ?? now;
  const nodes: SourceNode[] = [];
  let model: string | undefined = stringOf(c.default_model_slug);
  for (const [key, node] of Object.entries(mapping)) {
    const n = isRecord(node) ? node : {};
    const parentKey = stringOf(n.parent) ?? null;
    const message = isRecord(n.message) ? n.message : undefined;
    const read = message && readMessage(message, createdAt);
    if (read?.model !== null && read?.model !== undefined) model ??= read.model;
    nodes.push({ key, parentKey, message: read ?? null });
  }
  const tree = buildImportTree(nodes, stringOf(c.current_node) ?? null);
  return {
    title: titleOf(c.title),
    model: modelOf(model, "chatgpt"),
    createdAt,
    messages: tree.messages,
    activeKey: tree.activeKey,
  };
}

/** A role the store keeps (never a lookup in an object: "constructor" would be found on its prototype). */
export function chatRoleOf(v: unknown): ChatRole | undefined {
  return v === "user" || v === "assistant" || v === "system" ? v : undefined;
}

function readMessage(m: Record<string, unknown>, fallbackAt: number) {
  const role = chatRoleOf(isRecord(m.author) ? m.author.role : undefined);
  const metadata = isRecord(m.metadata) ? m.metadata : {};
  if (role === undefined || metadata.is_visually_hidden_from_conversation === true) return undefined;
  // An assistant message addressed to a tool (recipient other than "all") is a tool call, not an answer.
  const recipient = stringOf(m.recipient);
  if (role === "assistant" && recipient !== undefined && recipient !== "all") return undefined;
  const text = contentText(m.content);
  if (text.trim() === "") return undefined;
  return {
    role,
    text,
    model: role === "assistant" ? (stringOf(metadata.model_slug)?.slice(0, 200) ?? null) : null,
    createdAt: msFromSeconds(m.create_time) ?? fallbackAt,
  };
}

function contentText(content: unknown): string {
  if (!isRecord(content)) return "";
  const type = stringOf(content.content_type);
  if (type === "code")
    return `\`\`\`${stringOf(content.language) ?? ""}\n${stringOf(content.text) ?? ""}\n\`\`\``;
  if (Array.isArray(content.parts)) {
    // multimodal_text mixes strings with image pointers; only the strings are text.
    return content.parts.filter((p): p is string => typeof p === "string").join("\n");
  }
  return stringOf(content.text) ?? "";
}
