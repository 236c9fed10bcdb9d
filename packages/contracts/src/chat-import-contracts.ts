import { z } from "zod";
import { ConversationSchema } from "./chat-contracts.js";
import { Id } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Chat";

/** The largest import body, in bytes (the control plane's usual limit is 1 MiB). */
export const CHAT_IMPORT_MAX_BYTES = 32 * 1_048_576;
/** The most conversations one import may hold. */
export const CHAT_IMPORT_MAX_CONVERSATIONS = 500;
/** The most messages one import may hold, all conversations together. */
export const CHAT_IMPORT_MAX_MESSAGES = 20_000;

/** The export formats an import understands; `auto` tells them apart by their fields. */
export const ChatImportFormat = z.enum(["auto", "gatehouse", "librechat", "chatgpt"]);

export const importConversations = defineContract({
  id: "conversations.import",
  method: "POST",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/conversations/import",
  tag,
  summary: "Import conversations from an export file (Gatehouse JSON, LibreChat, ChatGPT conversations.json)",
  description:
    "The body is the export file itself. Every branch of each conversation is kept and the message shown " +
    "in the source is shown here. All or nothing: one transaction. Up to 32 MiB, " +
    `${CHAT_IMPORT_MAX_CONVERSATIONS} conversations and ${CHAT_IMPORT_MAX_MESSAGES} messages; a file ` +
    "that is not one of the formats answers 400. For a signed-in user with models:use in the workspace.",
  access: { permission: "models:use" },
  params: z.object({ tenantId: Id, workspaceId: Id }),
  query: z.object({ format: ChatImportFormat.default("auto") }),
  /** The export file: one conversation (an object) or several (an array). */
  body: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
  bodyLimit: CHAT_IMPORT_MAX_BYTES,
  response: z.object({
    /** The format that was read (the one detected when `auto`). */
    format: ChatImportFormat.exclude(["auto"]),
    conversations: z.array(ConversationSchema),
    messageCount: z.number().int(),
  }),
  status: 201,
});

export const CHAT_IMPORT_CONTRACTS = [importConversations] as const;
