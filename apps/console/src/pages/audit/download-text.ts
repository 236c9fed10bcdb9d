/**
 * Saves text as a file through a temporary object URL (the browser's own download, no new tab).
 *
 * @example
 * downloadText("a,b\n1,2\n", "audit.csv", "text/csv");
 */
export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
