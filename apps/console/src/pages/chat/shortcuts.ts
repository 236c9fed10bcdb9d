/** A key combination: `Mod` is Ctrl, or ⌘ on a Mac. */
export interface Shortcut {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

/** The fields of a keyboard event a shortcut looks at. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Parses "Mod+Shift+O" (modifiers Mod, Shift, Alt in any order, then one key; case-insensitive).
 * Throws on an empty key, an unknown modifier or a repeated one: the specs are constants of the code.
 */
export function parseShortcut(spec: string): Shortcut {
  const parts = spec.split("+").map((p) => p.trim());
  const key = parts.pop() ?? "";
  if (key === "") throw new Error(`A shortcut needs a key: "${spec}"`);
  const out: Shortcut = { key: key.toLowerCase(), mod: false, shift: false, alt: false };
  for (const p of parts) {
    const m = p.toLowerCase();
    if (m !== "mod" && m !== "shift" && m !== "alt") throw new Error(`Unknown modifier "${p}" in "${spec}"`);
    if (out[m]) throw new Error(`Repeated modifier "${p}" in "${spec}"`);
    out[m] = true;
  }
  return out;
}

/** Whether an event is the shortcut: the same key and exactly its modifiers (Ctrl or ⌘ for Mod). */
export function matchesShortcut(e: KeyLike, s: Shortcut): boolean {
  return (
    e.key.toLowerCase() === s.key &&
    (e.ctrlKey || e.metaKey) === s.mod &&
    e.shiftKey === s.shift &&
    e.altKey === s.alt
  );
}

/** A shortcut as the help lists it: "Ctrl + Shift + O", or "⌘ + Shift + O" on a Mac. */
export function formatShortcut(spec: string, mac: boolean): string {
  const s = parseShortcut(spec);
  const key = s.key === "escape" ? "Esc" : s.key.length === 1 ? s.key.toUpperCase() : s.key;
  return [s.mod ? (mac ? "⌘" : "Ctrl") : null, s.shift ? "Shift" : null, s.alt ? "Alt" : null, key]
    .filter((p) => p !== null)
    .join(" + ");
}

/** The chat page's shortcuts, as listed in its help popover. */
export const CHAT_SHORTCUTS = [
  { id: "new", spec: "Mod+Shift+O", label: "New chat" },
  { id: "focus", spec: "Shift+Escape", label: "Focus the message box" },
  { id: "stop", spec: "Escape", label: "Stop the answer (while it streams)" },
  { id: "search", spec: "Mod+K", label: "Search conversations" },
] as const;

export type ChatShortcutId = (typeof CHAT_SHORTCUTS)[number]["id"];

const PARSED = CHAT_SHORTCUTS.map((s) => ({ id: s.id, shortcut: parseShortcut(s.spec) }));

/** Which chat shortcut an event is, if any. */
export function chatShortcutOf(e: KeyLike): ChatShortcutId | undefined {
  return PARSED.find((p) => matchesShortcut(e, p.shortcut))?.id;
}
