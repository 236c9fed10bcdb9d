/**
 * Chat attachments on the client: the parts a message carries, and how a question with files goes to the
 * model — documents as `<file name="…">text</file>` blocks before the question, images as OpenAI
 * `image_url` content parts (data URLs), for models that take images.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create (messages[].content array of parts)
 */

/** An attachment as a message's `parts` holds it (the server fills name, type, kind and size). */
export interface FilePart {
  type: "file";
  fileId: string;
  name: string;
  mediaType: string;
  kind: "image" | "document";
  size: number;
}

/** What a file adds to a model request (chatFiles.context). */
export type FileContext =
  | { kind: "image"; name: string; mediaType: string; dataUrl: string }
  | { kind: "document"; name: string; mediaType: string; text: string };

/** One part of an OpenAI chat message's content. */
export type WireContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string } };

/** The file parts among a message's parts (anything else is ignored). */
export function filePartsOf(parts: readonly unknown[]): FilePart[] {
  return parts.filter((p): p is FilePart => {
    const f = p as Partial<FilePart> | null;
    return typeof f === "object" && f !== null && f.type === "file" && typeof f.fileId === "string";
  });
}

/** A document's text as the model reads it: a `<file>` block named after the file. */
export function documentBlock(name: string, text: string): string {
  const safe = name.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<file name="${safe}">\n${text}\n</file>`;
}

/**
 * A user turn's content: the text alone without files; with documents, their blocks before the text;
 * with images, an array of parts (the text first, then one `image_url` per image).
 *
 * @example
 * userContent("Sum it up", [{ kind: "document", name: "a.md", mediaType: "text/markdown", text: "# A" }]);
 * // '<file name="a.md">\n# A\n</file>\n\nSum it up'
 */
export function userContent(text: string, files: readonly FileContext[]): string | WireContentPart[] {
  const docs = files.flatMap((f) => (f.kind === "document" ? [documentBlock(f.name, f.text)] : []));
  const full = docs.length > 0 ? `${docs.join("\n\n")}\n\n${text}` : text;
  const images = files.flatMap((f) => (f.kind === "image" ? [f.dataUrl] : []));
  if (images.length === 0) return full;
  return [
    { type: "text", text: full },
    ...images.map((url) => ({ type: "image_url" as const, image_url: { url } })),
  ];
}

/**
 * Why the model cannot take these files, or null: images need a model whose catalog entry says
 * `vision`. A model the catalog does not describe (no capabilities known) is let through: the gateway
 * answers for it.
 */
export function imagesRefusal(
  model: { name: string; capabilities: readonly string[] } | undefined,
  files: readonly Pick<FilePart, "kind">[],
): string | null {
  if (!files.some((f) => f.kind === "image")) return null;
  if (model === undefined || model.capabilities.length === 0 || model.capabilities.includes("vision"))
    return null;
  return `${model.name} does not take images: choose a model with vision, or remove the images.`;
}

/** A file size for people: "812 B", "14 KB", "3.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
