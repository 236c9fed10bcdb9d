import type { ChatOwner } from "../chat/chat-types.js";
import type { Page, PageRequest } from "../tenancy-types.js";

/** A preset's sampling parameters; unset ones are left to the model's defaults. */
export interface ChatPresetParameters {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
}

/** A function tool: `{ type: "function", function: { name, description?, parameters?, strict? } }`. */
export interface ChatPresetTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** A chat preset ("assistant"): a system prompt, a model and parameters (docs/chat.md, Presets). */
export interface ChatPreset {
  id: string;
  tenantId: string;
  workspaceId: string;
  /** The author: the only user who may edit or delete it. */
  userId: string;
  name: string;
  description: string;
  systemPrompt: string;
  model: string;
  parameters: ChatPresetParameters;
  /** Function tools in OpenAI's Chat Completions shape (validated by the contract). */
  tools: ChatPresetTool[];
  /** Readable by the workspace's members; otherwise private to the author. */
  shared: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ChatPresetInput {
  name: string;
  description: string;
  systemPrompt: string;
  model: string;
  parameters: ChatPresetParameters;
  /** Unset: none. */
  tools?: ChatPresetTool[];
  shared: boolean;
}

export type ChatPresetPatch = Partial<ChatPresetInput>;

/**
 * One tenant's presets. Reads take the viewer (user and workspace): the viewer's own presets and the
 * workspace's shared ones are visible; any other reads as missing. Writes take the author.
 */
export interface TenantChatPresetsRepo {
  /** The viewer's own and the workspace's shared presets, newest change first (keyset-paginated). */
  list(viewer: ChatOwner, page: PageRequest): Promise<Page<ChatPreset>>;
  create(author: ChatOwner, input: ChatPresetInput): Promise<ChatPreset>;
  get(viewer: ChatOwner, id: string): Promise<ChatPreset | undefined>;
  /** undefined unless the caller is the author (in the preset's workspace). */
  update(author: ChatOwner, id: string, patch: ChatPresetPatch): Promise<ChatPreset | undefined>;
  remove(author: ChatOwner, id: string): Promise<boolean>;
}

/** A message as a share link shows it: nothing about who or what it cost. */
export interface SharedMessage {
  /** `tool`: a tool call's result (the text), given by the member. */
  role: "system" | "user" | "assistant" | "tool";
  text: string;
  model: string | null;
  createdAt: number;
  /** The names of the files attached to the message (never their content); absent when none. */
  files?: string[];
  /** The tool calls an answer made (function name, arguments as JSON text); absent when none. */
  toolCalls?: { name: string; arguments: string }[];
}

/** A share link as its owner sees it (never its token, which is shown once). */
export interface ChatShare {
  id: string;
  conversationId: string;
  title: string;
  messageCount: number;
  createdAt: number;
  revokedAt: number | null;
}

/** What the public route answers: the snapshot's title and messages. */
export interface SharedConversation {
  title: string;
  messages: SharedMessage[];
  sharedAt: number;
}

/** One tenant's share links, each call bound to the conversation's owner. */
export interface TenantChatSharesRepo {
  /**
   * A link to the owner's conversation under `tokenHash`, with a snapshot of its active branch now;
   * undefined when the conversation is not the owner's.
   */
  create(owner: ChatOwner, conversationId: string, tokenHash: string): Promise<ChatShare | undefined>;
  /** The conversation's links, newest first; undefined when the conversation is not the owner's. */
  list(owner: ChatOwner, conversationId: string, page: PageRequest): Promise<Page<ChatShare> | undefined>;
  /** Marks the link revoked; undefined when it is not a link of the owner's conversation. */
  revoke(owner: ChatOwner, conversationId: string, shareId: string): Promise<ChatShare | undefined>;
}

/** The installation-wide lookup of the public route: a token's hash is its only key. */
export interface ChatSharesLookup {
  /** The active link's snapshot; undefined for an unknown or revoked one. */
  byTokenHash(tokenHash: string): Promise<SharedConversation | undefined>;
}
