import { z } from "zod";
import { CHAT_MESSAGE_MAX_FILES, ChatFilePartSchema } from "./chat-file-contracts.js";
import { ChatToolResultPartSchema } from "./chat-tool-contracts.js";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Chat";

/** The longest conversation title, in characters. */
export const CHAT_TITLE_MAX = 200;
/** The largest message text, in UTF-8 bytes (the whole request body is capped at 1 MiB too). */
export const CHAT_MESSAGE_MAX_BYTES = 1_048_576;

const Title = z.string().trim().min(1, "Required.").max(CHAT_TITLE_MAX);
const ModelName = z.string().trim().min(1, "Required.").max(200);
const Nano = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Count = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 31 - 1);
/** A yes/no filter in the query string. */
const BoolQuery = z.enum(["true", "false"]);

export const ConversationSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  title: z.string(),
  model: z.string(),
  presetId: z.string().nullable(),
  pinned: z.boolean(),
  archived: z.boolean(),
  /** The last message of the branch shown; null while empty. */
  activeLeafId: z.string().nullable(),
  createdAt: Timestamp,
  /** The last activity: creation or the last message appended. Lists are ordered by it. */
  updatedAt: Timestamp,
});

export const ChatMessageSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  /** `tool`: the result of an assistant's tool call (its text), answering the call named in its parts. */
  role: z.enum(["system", "user", "assistant", "tool"]),
  text: z.string(),
  /**
   * Structured content, [] for plain text: a user's attachments (`{ type: "file", fileId, name, mediaType,
   * kind, size }`), an answer's tool calls (`{ type: "tool_call", id, name, arguments }`), a tool message's
   * `{ type: "tool_result", toolCallId }`.
   */
  parts: z.array(z.unknown()),
  model: z.string().nullable(),
  /** The data-plane request that produced an assistant message (its x-gatehouse-request-id). */
  usageRecordId: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costNano: z.number().int(),
  createdAt: Timestamp,
  /**
   * `streaming` while the server runs the answer (read it with conversations.answerEvents), then `done`,
   * `stopped` (stopped by the user: the text is what came until then) or `failed` (see `error`).
   */
  status: z.enum(["done", "streaming", "stopped", "failed"]),
  /** Why a failed answer failed; null otherwise. */
  error: z.string().nullable(),
});

/** A message of the active branch with its siblings' ids (itself included), to switch branches. */
export const BranchMessageSchema = ChatMessageSchema.extend({ siblingIds: z.array(z.string()) });

const base = "/api/tenants/:tenantId/workspaces/:workspaceId/conversations";
const WsParams = z.object({ tenantId: Id, workspaceId: Id });
const ConvParams = z.object({ tenantId: Id, workspaceId: Id, conversationId: Id });
const PRIVATE =
  "Conversations are private: each belongs to the signed-in user who made it, in one workspace; any other " +
  "caller gets 404. Needs models:use in the workspace.";

export const listConversations = defineContract({
  id: "conversations.list",
  method: "GET",
  path: base,
  tag,
  summary: "The signed-in user's conversations in the workspace, newest activity first",
  description: `${PRIVATE} \`q\` searches titles and message text (every word, as a prefix).`,
  access: { permission: "models:use" },
  params: WsParams,
  query: z.object({
    ...PageQuery,
    archived: BoolQuery.optional(),
    pinned: BoolQuery.optional(),
    q: z.string().max(200).optional(),
  }),
  response: pageOf(ConversationSchema),
});

export const createConversation = defineContract({
  id: "conversations.create",
  method: "POST",
  path: base,
  tag,
  summary: "Start a conversation",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: WsParams,
  body: z.object({ title: Title.default("New chat"), model: ModelName, presetId: Id.nullable().optional() }),
  response: ConversationSchema,
  status: 201,
});

export const getConversation = defineContract({
  id: "conversations.get",
  method: "GET",
  path: `${base}/:conversationId`,
  tag,
  summary: "A conversation with the messages of its active branch, root first",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: ConvParams,
  response: z.object({ conversation: ConversationSchema, messages: z.array(BranchMessageSchema) }),
});

export const updateConversation = defineContract({
  id: "conversations.update",
  method: "PATCH",
  path: `${base}/:conversationId`,
  tag,
  summary: "Rename, pin, archive, change model, or switch the branch shown",
  description:
    `${PRIVATE} \`activeLeafId\` may be any message of the conversation: the branch shown becomes the ` +
    "newest one through it.",
  access: { permission: "models:use" },
  params: ConvParams,
  body: z.object({
    title: Title.optional(),
    model: ModelName.optional(),
    presetId: Id.nullable().optional(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
    activeLeafId: Id.optional(),
  }),
  response: ConversationSchema,
});

export const deleteConversation = defineContract({
  id: "conversations.delete",
  method: "DELETE",
  path: `${base}/:conversationId`,
  tag,
  summary: "Delete a conversation and all its messages",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: ConvParams,
  response: Empty,
  status: 204,
});

export const appendChatMessage = defineContract({
  id: "conversations.appendMessage",
  method: "POST",
  path: `${base}/:conversationId/messages`,
  tag,
  summary: "Append a message under a parent (null: a new root); it becomes the active leaf",
  description:
    `${PRIVATE} A second message under the same parent is a branch (an edit or a regenerated answer). ` +
    "For an assistant message, send the data-plane request's x-gatehouse-request-id as usageRecordId: " +
    "when that usage record is already stored (the user's, in this workspace) its tokens and cost are " +
    "recorded, otherwise the numbers sent. A `tool` message is the result (its text) of a tool call of " +
    "its parent, an answer: its parts are one `tool_result` naming that call (400 otherwise); answer it " +
    "with conversations.startAnswer once every call of the answer has its result. Text up to 1 MiB (UTF-8).",
  access: { permission: "models:use" },
  params: ConvParams,
  body: z.object({
    parentId: Id.nullable(),
    role: z.enum(["user", "assistant", "tool"]),
    text: z.string().max(CHAT_MESSAGE_MAX_BYTES),
    /**
     * A user message's attachments: files the caller uploaded (chatFiles.upload); a tool message's one
     * `{ type: "tool_result", toolCallId }` naming a tool call of its parent (an answer).
     */
    parts: z
      .array(z.discriminatedUnion("type", [ChatFilePartSchema, ChatToolResultPartSchema]))
      .max(CHAT_MESSAGE_MAX_FILES)
      .optional(),
    model: ModelName.nullable().optional(),
    usageRecordId: z.string().min(1).max(100).nullable().optional(),
    inputTokens: Count.optional(),
    outputTokens: Count.optional(),
    costNano: Nano.optional(),
  }),
  response: z.object({ conversation: ConversationSchema, message: ChatMessageSchema }),
  status: 201,
});

export const exportConversation = defineContract({
  id: "conversations.export",
  method: "GET",
  path: `${base}/:conversationId/export`,
  tag,
  summary: "A conversation as Markdown (the active branch) or JSON (the whole tree)",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: ConvParams,
  query: z.object({ format: z.enum(["markdown", "json"]).default("markdown") }),
  response: z.object({ filename: z.string(), contentType: z.string(), content: z.string() }),
});

export const CHAT_CONTRACTS = [
  listConversations,
  createConversation,
  getConversation,
  updateConversation,
  deleteConversation,
  appendChatMessage,
  exportConversation,
] as const;
