import type { FilePart } from "./chat-attachments";

/** The server's limit on one attachment (CHAT_FILE_MAX_BYTES): a larger file is refused before sending. */
export const ATTACHMENT_MAX_BYTES = 20 * 1_048_576;

/** An upload the server refused, with its message (shown on the chip). */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface UploadTarget {
  origin: string;
  tenantId: string;
  workspaceId: string;
  /** The signed-in user's access token (the SDK's, renewed by `renew`). */
  token(): string | undefined;
  /** Renews the access token (any authenticated SDK call does), for one retry after a 401. */
  renew(): Promise<void>;
}

/**
 * Uploads one file to chatFiles.upload with XMLHttpRequest, whose upload progress fetch cannot report:
 * the raw bytes, the name in `?name=`; `onProgress` gets the share sent (0–1). Resolves to the message
 * part of the stored file (the server's sniffed type and size); rejects with UploadError.
 */
export async function uploadChatFile(
  target: UploadTarget,
  file: File,
  onProgress: (share: number) => void,
): Promise<FilePart> {
  if (file.size > ATTACHMENT_MAX_BYTES) throw new UploadError(`“${file.name}” is larger than 20 MB.`, 413);
  const once = () => send(target, file, onProgress);
  let answer = await once();
  if (answer.status === 401) {
    await target.renew();
    answer = await once();
  }
  const body = answer.json as {
    id?: string;
    name?: string;
    mediaType?: string;
    kind?: string;
    size?: number;
  };
  if (answer.status !== 201 || typeof body.id !== "string") {
    const message = (answer.json as { error?: { message?: string } } | undefined)?.error?.message;
    throw new UploadError(message ?? `The upload failed (HTTP ${answer.status}).`, answer.status);
  }
  return {
    type: "file",
    fileId: body.id,
    name: body.name ?? file.name,
    mediaType: body.mediaType ?? "",
    kind: body.kind === "image" ? "image" : "document",
    size: body.size ?? file.size,
  };
}

function send(
  target: UploadTarget,
  file: File,
  onProgress: (share: number) => void,
): Promise<{ status: number; json: unknown }> {
  const { origin, tenantId, workspaceId } = target;
  const url = `${origin}/api/tenants/${tenantId}/workspaces/${workspaceId}/chat-files?name=${encodeURIComponent(file.name)}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    const token = target.token();
    if (token !== undefined) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new UploadError("The upload failed: the server could not be reached.", 0));
    xhr.send(file);
  });
}
