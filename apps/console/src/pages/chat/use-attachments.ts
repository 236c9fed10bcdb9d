import { useCallback, useState } from "react";
import { useApi } from "../../api/api-context";
import type { FilePart } from "./chat-attachments";
import { uploadChatFile } from "./upload-chat-file";

/** A file in the composer: uploading (with its progress), stored (its part), or refused (the reason). */
export interface Attachment {
  key: string;
  name: string;
  size: number;
  progress: number;
  part?: FilePart;
  error?: string;
}

/**
 * The composer's attachments: each file added is uploaded at once (progress and refusal shown on its
 * chip); `ready` lists the stored ones for sending; `uploading` is true while any is on its way.
 */
export function useAttachments(tenantId: string, workspaceId: string) {
  const { client, origin } = useApi();
  const [items, setItems] = useState<Attachment[]>([]);

  const add = useCallback(
    (files: readonly File[]) => {
      const update = (key: string, patch: Partial<Attachment>) =>
        setItems((all) => all.map((a) => (a.key === key ? { ...a, ...patch } : a)));
      for (const file of files) {
        const key = `${Date.now()}-${Math.random()}`;
        setItems((all) => [...all, { key, name: file.name || "pasted", size: file.size, progress: 0 }]);
        const target = {
          origin,
          tenantId,
          workspaceId,
          token: () => client.tokens().accessToken,
          renew: async () => {
            await client.chatFiles.list({ params: { tenantId, workspaceId }, query: { limit: 1 } });
          },
        };
        const named = file.name
          ? file
          : new File([file], `pasted.${file.type.split("/")[1] ?? "bin"}`, { type: file.type });
        uploadChatFile(target, named, (progress) => update(key, { progress }))
          .then((part) => update(key, { part, progress: 1, name: part.name, size: part.size }))
          .catch((e: unknown) => update(key, { error: e instanceof Error ? e.message : String(e) }));
      }
    },
    [client, origin, tenantId, workspaceId],
  );
  /** Removes a chip; a stored file never sent is deleted on the server too (best effort: it only frees room). */
  const remove = (key: string) => {
    const part = items.find((a) => a.key === key)?.part;
    if (part)
      void client.chatFiles
        .delete({ params: { tenantId, workspaceId, fileId: part.fileId } })
        .catch(() => {});
    setItems((all) => all.filter((a) => a.key !== key));
  };
  const clear = () => setItems([]);
  const ready = items.flatMap((a) => (a.part ? [a.part] : []));
  const uploading = items.some((a) => !a.part && !a.error);
  return { items, add, remove, clear, ready, uploading };
}
