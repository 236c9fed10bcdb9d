import type { PlaygroundMessage } from "../playground/playground-request";
import { type FileContext, filePartsOf, userContent } from "./chat-attachments";
import type { BranchMessage } from "./chat-tree";
import { wireHistory } from "./chat-tree";

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
  const kept = branch.filter((m) => m.role === "user" || (m.role === "assistant" && m.text !== ""));
  const turns = wireHistory(kept);
  return Promise.all(
    turns.map(async (turn, i) => {
      const files = filePartsOf(kept[i]?.parts ?? []);
      if (turn.role !== "user" || files.length === 0) return turn;
      const contexts = await Promise.all(files.map((f) => contextOf(f.fileId)));
      const content = userContent(turn.content, contexts);
      return typeof content === "string" ? { ...turn, content } : { ...turn, richContent: content };
    }),
  );
}
