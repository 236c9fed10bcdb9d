import type { ChatOwner } from "../chat/chat-types.js";
import type { Page, PageRequest } from "../tenancy-types.js";

/** An image goes to vision models as an image part; a document's extracted text goes as context. */
export type ChatFileKind = "image" | "document";

/** A chat attachment's metadata (docs/chat.md, Attachments); the bytes are read separately. */
export interface ChatFile {
  id: string;
  tenantId: string;
  workspaceId: string;
  /** The uploader: the only user who sees the file. */
  userId: string;
  name: string;
  /** Sniffed from the bytes on upload, never taken from the client. */
  mediaType: string;
  kind: ChatFileKind;
  size: number;
  sha256: string;
  /** Characters of text extracted from a document (0 for an image). */
  textLength: number;
  createdAt: number;
}

/** What an upload stores: size and SHA-256 are computed from the bytes by the repository. */
export interface ChatFileInput {
  name: string;
  mediaType: string;
  kind: ChatFileKind;
  bytes: Uint8Array;
  extractedText: string | null;
}

/** The outcome of an upload: the file, or the quota it would have exceeded (nothing stored). */
export type ChatFileCreated =
  | { ok: true; file: ChatFile }
  | { ok: false; usedBytes: number; quotaBytes: number };

/** One tenant's chat files, each call bound to the uploader (user and workspace): others read as missing. */
export interface TenantChatFilesRepo {
  /**
   * Stores the file unless the tenant's files would then exceed `quotaBytes`: the check and the insert
   * are one transaction serialised per tenant, so concurrent uploads cannot overshoot together.
   */
  create(owner: ChatOwner, input: ChatFileInput, quotaBytes: number): Promise<ChatFileCreated>;
  get(owner: ChatOwner, id: string): Promise<ChatFile | undefined>;
  /** The stored bytes and metadata. */
  content(owner: ChatOwner, id: string): Promise<{ file: ChatFile; bytes: Buffer } | undefined>;
  /** A document's extracted text ("" for an image). */
  text(owner: ChatOwner, id: string): Promise<{ file: ChatFile; text: string } | undefined>;
  /** The owner's files in the workspace, newest first (keyset-paginated). */
  list(owner: ChatOwner, page: PageRequest): Promise<Page<ChatFile>>;
  remove(owner: ChatOwner, id: string): Promise<boolean>;
  /** Bytes stored by the whole tenant (what the quota counts). */
  usedBytes(): Promise<number>;
}
