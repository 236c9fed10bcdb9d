import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Chat";

/** The largest attachment, in bytes (images and documents alike). */
export const CHAT_FILE_MAX_BYTES = 20 * 1_048_576;
/** The most attachments one message may carry. */
export const CHAT_MESSAGE_MAX_FILES = 20;
/** The longest file name kept, in characters. */
export const CHAT_FILE_NAME_MAX = 255;

export const ChatFileKind = z.enum(["image", "document"]);

export const ChatFileSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  /** Sniffed from the bytes on upload (never the client's claim). */
  mediaType: z.string(),
  kind: ChatFileKind,
  size: z.number().int(),
  sha256: z.string(),
  /** Characters of text extracted from a document (0 for an image). */
  textLength: z.number().int(),
  createdAt: Timestamp,
});

/**
 * An attachment of a user message, in its `parts`: the server checks the file is the caller's and
 * stores its name, type, kind and size as they are stored (not as sent).
 */
export const ChatFilePartSchema = z.object({
  type: z.literal("file"),
  fileId: Id,
  name: z.string().max(CHAT_FILE_NAME_MAX),
  mediaType: z.string().max(200),
  kind: ChatFileKind,
  size: z.number().int().nonnegative(),
});

const base = "/api/tenants/:tenantId/workspaces/:workspaceId/chat-files";
const WsParams = z.object({ tenantId: Id, workspaceId: Id });
const FileParams = z.object({ tenantId: Id, workspaceId: Id, fileId: Id });
const PRIVATE =
  "Chat attachments are private: each belongs to the signed-in user who uploaded it, in one workspace; " +
  "any other caller gets 404. Needs models:use in the workspace.";
/** A file name: no control characters; a path is cut to its last segment. */
const FileName = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(CHAT_FILE_NAME_MAX)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "No control characters.");

export const uploadChatFile = defineContract({
  id: "chatFiles.upload",
  method: "POST",
  path: base,
  tag,
  summary: "Upload an attachment: the body is the file's bytes, its name in `?name=`",
  description:
    `${PRIVATE} The type is decided from the bytes: PNG, JPEG, GIF and WebP images; UTF-8 text and ` +
    "Markdown; PDF and .docx documents, whose text is extracted now. A name whose extension says " +
    "another type than the content answers 415; a damaged or hostile file (a zip bomb, a PDF that " +
    "cannot be read in time) 400; more than 20 MB or past the tenant's storage quota 413. Content-Length " +
    "is required. Nothing is stored unless the whole upload is accepted.",
  access: { permission: "models:use" },
  params: WsParams,
  query: z.object({ name: FileName }),
  rawBody: true,
  rawBodyType: "application/octet-stream",
  bodyLimit: CHAT_FILE_MAX_BYTES,
  response: ChatFileSchema,
  status: 201,
});

export const listChatFiles = defineContract({
  id: "chatFiles.list",
  method: "GET",
  path: base,
  tag,
  summary: "The signed-in user's attachments in the workspace, newest first",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: WsParams,
  query: z.object({ ...PageQuery }),
  response: pageOf(ChatFileSchema),
});

export const getChatFile = defineContract({
  id: "chatFiles.get",
  method: "GET",
  path: `${base}/:fileId`,
  tag,
  summary: "An attachment's metadata",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: FileParams,
  response: ChatFileSchema,
});

export const getChatFileContent = defineContract({
  id: "chatFiles.content",
  method: "GET",
  path: `${base}/:fileId/content`,
  tag,
  summary: "An attachment's bytes",
  description:
    `${PRIVATE} Served with the sniffed media type and \`x-content-type-options: nosniff\`; anything but ` +
    "an image as `content-disposition: attachment` (downloaded, never rendered by the browser).",
  access: { permission: "models:use" },
  params: FileParams,
  response: z.instanceof(Uint8Array),
  produces: "application/octet-stream",
});

export const getChatFileContext = defineContract({
  id: "chatFiles.context",
  method: "GET",
  path: `${base}/:fileId/context`,
  tag,
  summary: "What an attachment adds to a model request: an image's data URL, a document's text",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: FileParams,
  response: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("image"), name: z.string(), mediaType: z.string(), dataUrl: z.string() }),
    z.object({ kind: z.literal("document"), name: z.string(), mediaType: z.string(), text: z.string() }),
  ]),
});

export const deleteChatFile = defineContract({
  id: "chatFiles.delete",
  method: "DELETE",
  path: `${base}/:fileId`,
  tag,
  summary: "Delete an attachment (messages that named it keep its name)",
  description: PRIVATE,
  access: { permission: "models:use" },
  params: FileParams,
  response: Empty,
  status: 204,
});

export const CHAT_FILE_CONTRACTS = [
  uploadChatFile,
  listChatFiles,
  getChatFile,
  getChatFileContent,
  getChatFileContext,
  deleteChatFile,
] as const;
