/**
 * The names of the files a message's `parts` attach (`{ type: "file", name }`), in order: what an export
 * or a share link shows of an attachment — its name, never its content.
 *
 * @example
 * attachedFileNames([{ type: "file", fileId: "fil_…", name: "cat.png" }]); // ["cat.png"]
 */
export function attachedFileNames(parts: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const part of parts) {
    const p = part as { type?: unknown; name?: unknown } | null;
    if (typeof p === "object" && p !== null && p.type === "file" && typeof p.name === "string")
      names.push(p.name);
  }
  return names;
}
