import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import { openCliStorage } from "../open-cli-storage.js";
import { credentialsCommand } from "./credentials.js";
import { providersCommand } from "./providers.js";

let dir: string;
const out: string[] = [];
const io: CommandIo = { out: (l) => out.push(l), err: (l) => out.push(l), env: {} };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-credentials-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openedKeys(): Promise<string[]> {
  const s = await openCliStorage(io, dir);
  try {
    const providers = await s.store.providers.list(s.tenant.id);
    return providers.map(
      (p) =>
        JSON.parse(s.credentialVault.open({ tenantId: p.tenantId, recordId: p.id }, p.credentials!)).apiKey,
    );
  } finally {
    await s.store.close();
  }
}

describe("gatehouse credentials rotate-key", () => {
  it("re-wraps every provider credential under a new key with a progress bar, the key ring kept 0600", async () => {
    for (let i = 0; i < 3; i++) {
      const code = await providersCommand(
        [
          "add",
          `p${i}`,
          "--kind",
          "openai",
          "--base-url",
          "https://x.test/v1",
          "--api-key",
          `sk-cli-${i}-abcdefghijklmnop`,
          "--data-dir",
          dir,
        ],
        io,
      );
      expect(code).toBe(0);
    }
    const before = await openedKeys();
    out.length = 0;
    expect(await credentialsCommand(["rotate-key", "--batch-size", "2", "--data-dir", dir], io)).toBe(0);
    expect(out.some((l) => /^pass 1 \[#{30}\] 3\/3$/.test(l))).toBe(true);
    expect(out.at(-1)).toMatch(
      /^Rotated the credentials key: 3 record\(s\) re-wrapped under key [0-9a-f]{16}; retired [0-9a-f]{16}\.$/,
    );
    const ring = join(dir, "credentials.keys");
    expect(statSync(ring).mode & 0o777).toBe(0o600);
    expect(
      readFileSync(ring, "utf8")
        .split("\n")
        .filter((l) => l && !l.startsWith("#")),
    ).toHaveLength(1);
    expect(await openedKeys()).toEqual(before);
    expect(out.join("\n")).not.toContain("sk-cli-");
  });

  it("refuses an unknown subcommand or a bad batch size as usage errors", async () => {
    await expect(credentialsCommand(["rotate"], io)).rejects.toThrow(UsageError);
    await expect(credentialsCommand(["rotate-key", "--batch-size", "0"], io)).rejects.toThrow(UsageError);
    expect(await credentialsCommand(["--help"], io)).toBe(0);
  });
});
