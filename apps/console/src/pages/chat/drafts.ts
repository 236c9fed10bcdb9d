/** Drafts are kept this long after their last change, then dropped on the next save. */
const MAX_AGE_MS = 30 * 24 * 3_600_000;
/** At most this many characters of a draft are kept (localStorage holds a few MB per origin). */
export const DRAFT_MAX_CHARS = 100_000;
const PREFIX = "gatehouse.chat-draft.";

/** The storage slot of a conversation's draft ("new" for the chat not created yet). */
export function draftSlot(tenantId: string, workspaceId: string, conversationId: string | undefined): string {
  return `${PREFIX}${tenantId}.${workspaceId}.${conversationId ?? "new"}`;
}

/** The draft in a slot, or "" (also when storage is unavailable or the entry damaged or stale). */
export function loadDraft(storage: Storage, slot: string, now = Date.now()): string {
  try {
    const raw = storage.getItem(slot);
    if (raw === null) return "";
    const d = JSON.parse(raw) as { text?: unknown; at?: unknown };
    if (typeof d.text !== "string" || typeof d.at !== "number" || now - d.at > MAX_AGE_MS) return "";
    return d.text;
  } catch {
    return "";
  }
}

/** Saves (or, for empty text, removes) a draft; a full or unavailable storage only loses the draft. */
export function saveDraft(storage: Storage, slot: string, text: string, now = Date.now()): void {
  try {
    if (text.trim() === "") storage.removeItem(slot);
    else storage.setItem(slot, JSON.stringify({ text: text.slice(0, DRAFT_MAX_CHARS), at: now }));
  } catch {
    // Quota exceeded or storage disabled: the draft lives on in the text box only.
  }
}
