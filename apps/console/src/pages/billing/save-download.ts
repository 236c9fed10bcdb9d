/**
 * Hands bytes or text to the browser as a file download (an object URL on a temporary link), the way
 * an export the API answered through the SDK reaches the user's disk.
 *
 * @example
 * saveDownload(csvText, "statement-2026-11.csv", "text/csv");
 */
export function saveDownload(data: string | Uint8Array, filename: string, type: string): void {
  const part: BlobPart = typeof data === "string" ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next task: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
