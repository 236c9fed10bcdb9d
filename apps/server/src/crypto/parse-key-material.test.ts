import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKeyMaterial } from "./parse-key-material.js";

describe("parseKeyMaterial", () => {
  const key = randomBytes(32);

  it("decodes standard and URL-safe base64, with or without padding and surrounding whitespace", () => {
    expect(parseKeyMaterial(key.toString("base64"))).toEqual(key);
    expect(parseKeyMaterial(key.toString("base64url"))).toEqual(key);
    expect(parseKeyMaterial(`  ${key.toString("base64")}\n`)).toEqual(key);
  });

  it.each([
    ["empty", ""],
    ["too short", randomBytes(16).toString("base64")],
    ["too long", randomBytes(48).toString("base64")],
    ["not base64", "this is not a key at all, just some words!!"],
    ["hex", randomBytes(32).toString("hex")],
  ])("rejects %s input without echoing it", (_name, input) => {
    let message = "";
    try {
      parseKeyMaterial(input);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/32 bytes/);
    if (input) expect(message).not.toContain(input.trim());
  });
});
