import type { PlaygroundMessage } from "../playground/playground-request";
import { type FileContext, type FilePart, filePartsOf, userContent } from "./chat-attachments";
import type { BranchMessage } from "./chat-tree";
import { onWire, wireHistory } from "./chat-tree";

/**
 * The turns sent to the model for a branch, attachments included: each user turn with files gets its
 * content from the files' contexts (fetched with `contextOf`, which may cache), documents as text blocks
 * and images as `image_url` parts (see userContent).
 *
 * @example
 * const history = await wireHistoryWithFiles(branch, (id) => client.chatFiles.context({ params: { …, fileId: id } }));
 */
export async function wireHistoryWithFiles(
  branch: readonly Pick<BranchMessage, "role" | "text" | "parts">[],
  contextOf: (fileId: string) => Promise<FileContext>,
): Promise<PlaygroundMessage[]> {
  const kept = onWire(branch).map((w) => w.message);
  const turns = wireHistory(branch);
  return Promise.all(
    turns.map(async (turn, i) => {
      const files = filePartsOf(kept[i]?.parts ?? []);
      if (turn.role !== "user" || files.length === 0) return turn;
      const contexts = await Promise.all(files.map((f) => contextOf(f.fileId).catch((e) => deleted(f, e))));
      const content = userContent(turn.content, contexts);
      return typeof content === "string" ? { ...turn, content } : { ...turn, richContent: content };
    }),
  );
}

/** A file deleted since it was attached (404): the model is told so; any other failure stands. */
function deleted(file: FilePart, err: unknown): FileContext {
  if ((err as { status?: unknown } | null)?.status !== 404) throw err;
  return { kind: "document", name: file.name, mediaType: file.mediaType, text: "(This file was deleted.)" };
}
