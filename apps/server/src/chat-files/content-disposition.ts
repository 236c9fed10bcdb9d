/**
 * The Content-Disposition of a served attachment: `inline` for an image, `attachment` (a download) for
 * anything else, the name as RFC 8187 `filename*` (UTF-8, percent-encoded: every character outside
 * attr-char, so a quote, a parenthesis or a non-ASCII letter can neither break the header nor be
 * misread) and an ASCII `filename` fallback for old clients.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6266#section-4.1
 * @see https://www.rfc-editor.org/rfc/rfc8187#section-3.2.1
 *
 * @example
 * contentDisposition("document", "it's (1).md"); // "attachment; filename=\"it_s _1_.md\"; filename*=UTF-8''it%27s%20%281%29.md"
 */
export function contentDisposition(kind: "image" | "document", name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const ascii = name.replace(/[^\x20-\x7e]|["\\'()]/g, "_");
  return `${kind === "image" ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
