import type { ImportedConversation } from "../../store/chat-library/chat-import-repo.js";
import { isRecord, modelOf, msFromDate, stringOf, titleOf } from "./chat-import-fields.js";
import { buildImportTree, type SourceNode } from "./chat-import-tree.js";

/** LibreChat's parent id of a first message (its `Constants.NO_PARENT`). */
const NO_PARENT = "00000000-0000-0000-0000-000000000000";

/**
 * Whether a value looks like a LibreChat export: `conversationId` with `messages` or `messagesTree`.
 * See https://www.librechat.ai/docs/features/import_convos
 */
export function isLibreChatExport(v: unknown): boolean {
  return (
    isRecord(v) &&
    typeof v.conversationId === "string" &&
    (Array.isArray(v.messages) || Array.isArray(v.messagesTree))
  );
}

/**
 * A LibreChat conversation export (JSON, one conversation) → a conversation to import. Messages carry
 * `messageId`, `parentMessageId` (NO_PARENT for a first message), `isCreatedByUser`, `text` (or
 * `content` parts of type text), `model` and an ISO `createdAt`; a "recursive" export nests replies in
 * `children` instead. LibreChat records no branch as shown, so the newest message is. Throws
 * `invalid_request` when malformed.
 *
 * @example
 * decodeLibreChatExport({ conversationId: "c1", title: "Hi", messages: [{ messageId: "m1",
 *   parentMessageId: NO_PARENT, isCreatedByUser: true, text: "Hello", createdAt: "2024-05-01T10:00:00Z" }] });
 */
export function decodeLibreChatExport(c: Record<string, unknown>, now: number): ImportedConversation {
  const list = (Array.isArray(c.messagesTree) ? c.messagesTree : c.messages) as unknown[];
  const options = isRecord(c.options) ? c.options : {};
  const nodes = flatten(list, now);
  let createdAt = now;
  for (const n of nodes) if (n.message && n.message.createdAt < createdAt) createdAt = n.message.createdAt;
  const firstModel = nodes.find((n) => n.message?.model)?.message?.model;
  const tree = buildImportTree(nodes, null);
  return {
    title: titleOf(c.title),
    model: modelOf(options.model ?? firstModel ?? c.endpoint, "librechat"),
    createdAt,
    messages: tree.messages,
    activeKey: tree.activeKey,
  };
}

/** Flat and recursive exports alike → nodes (an explicit stack: a long thread must not recurse). */
function flatten(list: readonly unknown[], now: number): SourceNode[] {
  const out: SourceNode[] = [];
  const stack: { m: unknown; parent: string | null | undefined }[] = list
    .map((m) => ({ m, parent: undefined }))
    .reverse();
  while (stack.length > 0) {
    const { m, parent } = stack.pop()!;
    const r = isRecord(m) ? m : {};
    const key = stringOf(r.messageId) ?? `#${out.length}`;
    const declared = stringOf(r.parentMessageId);
    const parentKey =
      parent !== undefined ? parent : declared === undefined || declared === NO_PARENT ? null : declared;
    const text = textOf(r);
    out.push({
      key,
      parentKey,
      message:
        text.trim() === ""
          ? null
          : {
              role: r.isCreatedByUser === true ? "user" : "assistant",
              text,
              model: r.isCreatedByUser === true ? null : (stringOf(r.model)?.slice(0, 200) ?? null),
              createdAt: msFromDate(r.createdAt) ?? now,
            },
    });
    if (Array.isArray(r.children)) {
      for (const child of [...r.children].reverse()) stack.push({ m: child, parent: key });
    }
  }
  return out;
}

/** `text`, or the text parts of `content` (LibreChat's agents store content parts). */
function textOf(m: Record<string, unknown>): string {
  const text = stringOf(m.text);
  if (text !== undefined && text !== "") return text;
  if (!Array.isArray(m.content)) return "";
  return m.content.flatMap((p) => (isRecord(p) && p.type === "text" ? [partText(p.text)] : [])).join("\n");
}

/** A text part's text: a string, or `{ value }` in LibreChat's assistants format. */
function partText(t: unknown): string {
  return stringOf(t) ?? (isRecord(t) ? (stringOf(t.value) ?? "") : "");
}
