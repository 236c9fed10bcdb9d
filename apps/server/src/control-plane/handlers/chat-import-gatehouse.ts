import type { ImportedConversation } from "../../store/chat-library/chat-import-repo.js";
import { chatRoleOf } from "./chat-import-chatgpt.js";
import { isRecord, modelOf, msFromDate, stringOf, titleOf } from "./chat-import-fields.js";
import { buildImportTree, type SourceNode } from "./chat-import-tree.js";

/** Whether a value looks like Gatehouse's JSON export (chat-export.ts): `conversation` and `messages`. */
export function isGatehouseExport(v: unknown): boolean {
  return isRecord(v) && isRecord(v.conversation) && Array.isArray(v.messages);
}

/**
 * Gatehouse's own JSON export (`conversations.export?format=json`: the conversation and EVERY message of
 * its tree with `id`, `parentId`, `role`, `text`, `model`, `createdAt`) → a conversation to import, the
 * branch shown being the export's `activeLeafId`. Throws `invalid_request` when malformed.
 *
 * @example
 * decodeGatehouseExport(JSON.parse((await client.conversations.export({ …, format: "json" })).content), Date.now());
 */
export function decodeGatehouseExport(c: Record<string, unknown>, now: number): ImportedConversation {
  const conversation = c.conversation as Record<string, unknown>;
  const createdAt = msFromDate(conversation.createdAt) ?? now;
  const nodes: SourceNode[] = (c.messages as unknown[]).map((raw, i) => {
    const m = isRecord(raw) ? raw : {};
    const role = chatRoleOf(m.role);
    const text = stringOf(m.text) ?? "";
    return {
      key: stringOf(m.id) ?? `#${i}`,
      parentKey: stringOf(m.parentId) ?? null,
      message:
        role === undefined || text === ""
          ? null
          : {
              role,
              text,
              model: stringOf(m.model)?.slice(0, 200) ?? null,
              createdAt: msFromDate(m.createdAt) ?? createdAt,
            },
    };
  });
  const tree = buildImportTree(nodes, stringOf(conversation.activeLeafId) ?? null);
  return {
    title: titleOf(conversation.title),
    model: modelOf(conversation.model, "imported"),
    createdAt,
    messages: tree.messages,
    activeKey: tree.activeKey,
  };
}
