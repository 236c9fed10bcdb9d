import type { Page, PageRequest } from "../tenancy-types.js";

/** A chat conversation: one user's, in one workspace (docs/chat.md). */
export interface ChatConversation {
  id: string;
  tenantId: string;
  workspaceId: string;
  userId: string;
  title: string;
  model: string;
  presetId: string | null;
  pinned: boolean;
  archived: boolean;
  /** The last message of the branch shown; null while the conversation is empty. */
  activeLeafId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type ChatRole = "system" | "user" | "assistant" | "tool";

/**
 * Where an answer stands (migration 0020): `streaming` while the server runs it, then `done`, `stopped`
 * (the user stopped it: the text is what came until then) or `failed` (`error` says why). Questions and
 * answers stored whole are `done`.
 */
export type ChatMessageStatus = "done" | "streaming" | "stopped" | "failed";

/** One message of the tree: `parentId` null is a root (a conversation may have several: edited firsts). */
export interface ChatMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: ChatRole;
  /** The plain text (searched); `parts` holds structured content (attachments later), JSON. */
  text: string;
  parts: unknown[];
  model: string | null;
  usageRecordId: string | null;
  inputTokens: number;
  outputTokens: number;
  costNano: number;
  createdAt: number;
  status: ChatMessageStatus;
  /** Why a `failed` answer failed; null otherwise. */
  error: string | null;
}

/** A message on the active branch with its siblings (itself included), so the UI can switch branches. */
export interface ChatBranchMessage extends ChatMessage {
  siblingIds: string[];
}

/** The owner of conversations: every call of the repo is bound to one user in one workspace. */
export interface ChatOwner {
  workspaceId: string;
  userId: string;
}

export interface ChatConversationInput {
  title: string;
  model: string;
  presetId?: string | null;
}

export interface ChatConversationPatch {
  title?: string;
  model?: string;
  presetId?: string | null;
  pinned?: boolean;
  archived?: boolean;
  /** Any message of the conversation; the branch shown becomes the newest one through it. */
  activeLeafId?: string;
}

export interface ChatMessageInput {
  parentId: string | null;
  role: ChatRole;
  text: string;
  parts?: unknown[];
  model?: string | null;
  usageRecordId?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  costNano?: number;
  /** `streaming` for an answer the server is about to run; `done` by default. */
  status?: ChatMessageStatus;
}

export interface ChatListFilter {
  archived?: boolean;
  pinned?: boolean;
  /** Full-text search over titles and message text (words, each matched as a prefix). */
  q?: string;
}

/**
 * One tenant's conversations, each call bound to the owner (user and workspace): another user's
 * conversation is invisible (undefined / false), as a missing one is.
 */
export interface TenantChatRepo {
  /** Newest activity first (updatedAt desc, keyset-paginated). */
  list(owner: ChatOwner, filter: ChatListFilter, page: PageRequest): Promise<Page<ChatConversation>>;
  create(owner: ChatOwner, input: ChatConversationInput): Promise<ChatConversation>;
  get(owner: ChatOwner, id: string): Promise<ChatConversation | undefined>;
  /** The active branch, root first. */
  branch(owner: ChatOwner, id: string): Promise<ChatBranchMessage[] | undefined>;
  /** Every message of the tree, oldest first (export). */
  messages(owner: ChatOwner, id: string): Promise<ChatMessage[] | undefined>;
  /** `not_found` (GatewayError) when activeLeafId is not a message of the conversation. */
  update(owner: ChatOwner, id: string, patch: ChatConversationPatch): Promise<ChatConversation | undefined>;
  /** Deletes the conversation and its messages. */
  remove(owner: ChatOwner, id: string): Promise<boolean>;
  /**
   * Appends a message under `parentId` (null: a new root) and makes it the active leaf; undefined when
   * the conversation is not the owner's, `not_found` when the parent is not in the conversation.
   */
  append(
    owner: ChatOwner,
    conversationId: string,
    input: ChatMessageInput,
  ): Promise<{ conversation: ChatConversation; message: ChatMessage } | undefined>;
}
