import type * as C from "@gatehouse/contracts";
import type { ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { CHAT_FILE_LIMITS } from "../../chat-files/chat-file-limits.js";
import { classifyUpload } from "../../chat-files/classify-upload.js";
import { contentDisposition } from "../../chat-files/content-disposition.js";
import { createPdfExtractionQueue } from "../../chat-files/pdf-extraction-queue.js";
import type { ChatFile } from "../../store/chat-files/chat-files-types.js";
import type { ContractInput } from "../contract-router/register-contract.js";
import { type ChatWorkspaceCtx, chatOwnerOf } from "./chat-owner.js";
import { type ControlPlaneDeps, found } from "./control-plane-deps.js";

type FileCtx = ChatWorkspaceCtx & { params: { fileId: string } };
type UploadCtx = ChatWorkspaceCtx &
  Pick<ContractInput, "raw"> & { query: ParsedQuery<typeof C.uploadChatFile> };

const MB = 1_048_576;

/**
 * Chat attachments (docs/chat.md, Attachments): upload (type sniffed and text extracted before anything
 * is stored, then stored under the tenant's quota in one transaction), metadata, bytes, the context a
 * model request gets, list and delete. Each file is its uploader's: any other caller gets 404.
 */
export function chatFileHandlers(deps: ControlPlaneDeps) {
  const repo = (ctx: ChatWorkspaceCtx) => deps.store.forTenant(ctx.params.tenantId).chatFiles;
  // Each PDF is read in a worker of up to 256 MB: a few at a time, so uploads cannot pile up memory.
  const readPdf = createPdfExtractionQueue({
    concurrent: CHAT_FILE_LIMITS.pdfConcurrent,
    waiting: CHAT_FILE_LIMITS.pdfWaiting,
  });

  return {
    "chatFiles.upload": async (ctx: UploadCtx) => {
      const owner = await chatOwnerOf(deps, ctx);
      const raw = ctx.raw;
      if (raw === undefined || raw.headers["content-length"] === undefined) {
        throw new GatewayError("invalid_request", "An upload needs a Content-Length header.");
      }
      const name = lastSegment(ctx.query.name);
      // A cheap early refusal before extraction (a PDF may take seconds); the insert checks again, atomically.
      const used = await repo(ctx).usedBytes();
      if (used + raw.body.length > deps.chatFiles.quotaBytes)
        throw quotaFull(used, deps.chatFiles.quotaBytes, name, raw.body.length);
      const classified = await classifyUpload(name, raw.body, CHAT_FILE_LIMITS, readPdf);
      const created = await repo(ctx).create(
        owner,
        { ...classified, name, bytes: raw.body },
        deps.chatFiles.quotaBytes,
      );
      if (!created.ok) throw quotaFull(created.usedBytes, created.quotaBytes, name, raw.body.length);
      return fileView(created.file);
    },

    "chatFiles.list": async (ctx: ChatWorkspaceCtx & { query: ParsedQuery<typeof C.listChatFiles> }) => {
      const { limit, cursor, order } = ctx.query;
      const page = await repo(ctx).list(await chatOwnerOf(deps, ctx), {
        limit,
        order,
        ...(cursor !== undefined && { cursor }),
      });
      return { items: page.items.map(fileView), nextCursor: page.nextCursor };
    },

    "chatFiles.get": async (ctx: FileCtx) =>
      fileView(found(await repo(ctx).get(await chatOwnerOf(deps, ctx), ctx.params.fileId))),

    "chatFiles.content": async (ctx: FileCtx) => {
      const { file, bytes } = found(await repo(ctx).content(await chatOwnerOf(deps, ctx), ctx.params.fileId));
      // Only images are shown inline; anything else is a download, and no type is ever guessed.
      return {
        contentType: file.mediaType.startsWith("text/") ? `${file.mediaType}; charset=utf-8` : file.mediaType,
        body: bytes,
        headers: {
          "content-disposition": contentDisposition(file.kind, file.name),
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; sandbox",
        },
      };
    },

    "chatFiles.context": async (ctx: FileCtx) => {
      const owner = await chatOwnerOf(deps, ctx);
      const meta = found(await repo(ctx).get(owner, ctx.params.fileId));
      if (meta.kind === "image") {
        const { bytes } = found(await repo(ctx).content(owner, meta.id));
        const dataUrl = `data:${meta.mediaType};base64,${bytes.toString("base64")}`;
        return { kind: "image" as const, name: meta.name, mediaType: meta.mediaType, dataUrl };
      }
      const { text } = found(await repo(ctx).text(owner, meta.id));
      return { kind: "document" as const, name: meta.name, mediaType: meta.mediaType, text };
    },

    "chatFiles.delete": async (ctx: FileCtx) => {
      found((await repo(ctx).remove(await chatOwnerOf(deps, ctx), ctx.params.fileId)) ? true : undefined);
      return null;
    },
  };
}

/** A browser may send a path ("C:\\fakepath\\a.png"): only the last segment is the file's name. */
function lastSegment(name: string): string {
  const last = name.split(/[/\\]/).pop()?.trim() ?? "";
  if (last === "") throw new GatewayError("invalid_request", "query.name: not a file name.");
  return last;
}

function quotaFull(used: number, quota: number, name: string, size: number): GatewayError {
  return new GatewayError(
    "payload_too_large",
    `The file storage quota is used up: ${mb(used)} of ${mb(quota)} MB are stored, and “${name}” needs ` +
      `${mb(size)} MB more. Delete attachments to make room.`,
  );
}

const mb = (bytes: number) => (bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0);

/** The API's view of a file: tenant and user are implied by the path and the caller. */
export function fileView(f: ChatFile) {
  const { tenantId: _t, userId: _u, ...view } = f;
  return view;
}
