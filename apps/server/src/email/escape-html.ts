const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values, so a user-chosen name such as
 * `<script>` or `" onclick="` shows as text in an email instead of becoming markup.
 * @see https://html.spec.whatwg.org/multipage/named-characters.html
 *
 * @example
 * escapeHtml(`<b title="x">Tom & Jerry's</b>`);
 * // "&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
