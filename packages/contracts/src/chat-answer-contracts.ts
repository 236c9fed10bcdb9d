import { z } from "zod";
import { ChatMessageSchema, ConversationSchema } from "./chat-contracts.js";
import { Id } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Chat";

/** The largest answer request (the Chat Completions body the client built, attachments included). */
export const CHAT_ANSWER_BODY_MAX_BYTES = 10 * 1024 * 1024;

const base = "/api/tenants/:tenantId/workspaces/:workspaceId/conversations/:conversationId/answers";
const ConvParams = z.object({ tenantId: Id, workspaceId: Id, conversationId: Id });
const AnswerParams = ConvParams.extend({ messageId: Id });
const PRIVATE =
  "The conversation must be the signed-in caller's own (404 otherwise); needs models:use in the workspace.";

export const startChatAnswer = defineContract({
  id: "conversations.startAnswer",
  method: "POST",
  path: base,
  tag,
  summary: "Answer a question: the server runs the answer through the data plane and stores it as it streams",
  description:
    `${PRIVATE} \`body\` is the Chat Completions request the client built (messages, sampling settings); ` +
    "the server sends it with `model`, `stream: true` and usage reporting to its own data plane, " +
    "authenticated with `key` — the caller's playground key (playground.issueKey), used for this request " +
    "only, never stored or logged — so the answer is the caller's gateway traffic: their model " +
    "permissions, limits and budgets apply and a usage record is kept. The call returns once the data " +
    "plane accepted the request: 201 with the assistant message (`status: streaming`, `usageRecordId` = " +
    "its request id), which becomes the active leaf. A refusal (401 key, 402 budget, 429 quota, 400, 404 " +
    "model) is answered with the data plane's status and message, and nothing is stored. Follow the " +
    "answer with conversations.answerEvents. When the model calls tools (the body's `tools`), the calls are " +
    'stored whole on the answer\'s `parts` (`{ type: "tool_call", id, name, arguments }`) when it ends; the ' +
    "question may be a `tool` message (a tool call's result). After the first answer a conversation still called " +
    '"New chat" is given a title (by `GATEHOUSE_CHAT_TITLE_MODEL` when set).',
  access: { permission: "models:use" },
  params: ConvParams,
  body: z.object({
    /** The question answered: a user message of the conversation, or a tool result (a `tool` message). */
    parentId: Id,
    model: z.string().trim().min(1, "Required.").max(200),
    key: z.string().min(1).max(200),
    body: z.record(z.string(), z.unknown()),
  }),
  bodyLimit: CHAT_ANSWER_BODY_MAX_BYTES,
  response: z.object({ conversation: ConversationSchema, message: ChatMessageSchema }),
  status: 201,
});

export const chatAnswerEvents = defineContract({
  id: "conversations.answerEvents",
  method: "GET",
  path: `${base}/:messageId/events`,
  tag,
  summary: "Server-sent events of an answer: the text so far, what follows, and how it ended",
  description:
    `${PRIVATE} A \`text/event-stream\`: a \`snapshot\` event first (data: the message, its text so far), ` +
    'then `delta` events (data: `{"text"}`, appended text) while it streams, then one `end` event (data: ' +
    "the final message: `status` done, stopped or failed, tokens, cost), after which the stream closes; a " +
    "`: ping` comment every 15 s. Open it at any time, as often as needed (after a reload, from another " +
    "tab or instance): an answer that ended gives its snapshot and `end` at once. An answer whose run " +
    "stopped writing for 60 s (its server died) ends as failed. Read it with fetch (the SDK's `client.events`).",
  access: { permission: "models:use" },
  params: AnswerParams,
  response: z.string(),
  produces: "text/event-stream",
});

export const stopChatAnswer = defineContract({
  id: "conversations.stopAnswer",
  method: "POST",
  path: `${base}/:messageId/stop`,
  tag,
  summary: "Stop an answer that streams: it keeps the text so far and is marked stopped",
  description:
    `${PRIVATE} The data-plane request is cut (the gateway meters what was generated). On the instance ` +
    "running the answer this returns the stopped message; on another one the run is told at its next write " +
    "(within a second) and the message returned may still say `streaming`. An answer that already ended " +
    "is returned as it is.",
  access: { permission: "models:use" },
  params: AnswerParams,
  response: z.object({ message: ChatMessageSchema }),
});

export const CHAT_ANSWER_CONTRACTS = [startChatAnswer, chatAnswerEvents, stopChatAnswer] as const;
