import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAT_SHORTCUTS, chatShortcutOf, formatShortcut, matchesShortcut, parseShortcut } from "./shortcuts";

const ev = (
  key: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe("parseShortcut", () => {
  it("reads modifiers and the key, case-insensitively", () => {
    expect(parseShortcut("Mod+Shift+O")).toEqual({ key: "o", mod: true, shift: true, alt: false });
    expect(parseShortcut("shift+Escape")).toEqual({ key: "escape", mod: false, shift: true, alt: false });
  });
  it("refuses unknown, repeated or missing parts", () => {
    expect(() => parseShortcut("Hyper+K")).toThrow(/Unknown modifier/);
    expect(() => parseShortcut("Mod+Mod+K")).toThrow(/Repeated/);
    expect(() => parseShortcut("Mod+")).toThrow(/needs a key/);
  });
  it("never throws anything but an Error, and round-trips what it accepts", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (spec) => {
        try {
          const s = parseShortcut(spec);
          expect(s.key).not.toBe("");
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
        }
      }),
    );
  });
});

describe("matching", () => {
  it("takes Ctrl or ⌘ for Mod and wants exactly the modifiers", () => {
    const s = parseShortcut("Mod+K");
    expect(matchesShortcut(ev("k", { ctrl: true }), s)).toBe(true);
    expect(matchesShortcut(ev("K", { meta: true }), s)).toBe(true);
    expect(matchesShortcut(ev("k"), s)).toBe(false);
    expect(matchesShortcut(ev("k", { ctrl: true, shift: true }), s)).toBe(false);
  });
  it("tells the chat shortcuts apart (Esc stops, Shift+Esc focuses)", () => {
    expect(chatShortcutOf(ev("Escape"))).toBe("stop");
    expect(chatShortcutOf(ev("Escape", { shift: true }))).toBe("focus");
    expect(chatShortcutOf(ev("O", { ctrl: true, shift: true }))).toBe("new");
    expect(chatShortcutOf(ev("k", { meta: true }))).toBe("search");
    expect(chatShortcutOf(ev("a"))).toBeUndefined();
  });
  it("formats every listed shortcut for both platforms", () => {
    for (const s of CHAT_SHORTCUTS) expect(formatShortcut(s.spec, false)).not.toBe("");
    expect(formatShortcut("Mod+Shift+O", false)).toBe("Ctrl + Shift + O");
    expect(formatShortcut("Mod+K", true)).toBe("⌘ + K");
    expect(formatShortcut("Shift+Escape", false)).toBe("Shift + Esc");
  });
});
