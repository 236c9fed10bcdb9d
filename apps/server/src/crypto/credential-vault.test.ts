import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CREDENTIALS_KEY_PURPOSE, CredentialVault } from "./credential-vault.js";
import { parseEnvelope } from "./envelope-format.js";
import { KeyRingFile } from "./key-ring-file.js";
import { SecretBox } from "./secret-box.js";

const owner = { tenantId: "ten_a", recordId: "prv_1" };
const SECRET = JSON.stringify({ apiKey: "sk-live-abcdefghijklmnop1234" });

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function ringIn(box: SecretBox): KeyRingFile {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-ring-"));
  return new KeyRingFile(join(dir, "credentials.keys"), box.derive(CREDENTIALS_KEY_PURPOSE));
}

describe("CredentialVault", () => {
  it("seals an envelope bound to tenant and record: it opens there and nowhere else", () => {
    const vault = CredentialVault.derivedFrom(new SecretBox(randomBytes(32)));
    const sealed = vault.seal(owner, SECRET);
    expect(sealed.ciphertext.startsWith("env1.")).toBe(true);
    expect(sealed.ciphertext).not.toContain("sk-live");
    expect(parseEnvelope(sealed.ciphertext).keyId).toBe(sealed.keyId);
    expect(vault.open(owner, sealed)).toBe(SECRET);
    expect(() => vault.open({ ...owner, tenantId: "ten_b" }, sealed)).toThrow(/failed authentication/);
    expect(() => vault.open({ ...owner, recordId: "prv_2" }, sealed)).toThrow(/failed authentication/);
    // A fresh data key each time: the same secret never gives the same ciphertext.
    expect(vault.seal(owner, SECRET).ciphertext).not.toBe(sealed.ciphertext);
  });

  it("still opens the older SecretBox format, and re-seals it as an envelope", () => {
    const box = new SecretBox(randomBytes(32));
    const vault = CredentialVault.derivedFrom(box);
    const old = box.seal(SECRET);
    expect(vault.open(owner, old)).toBe(SECRET);
    expect(vault.needsReseal(old)).toBe(true);
    const next = vault.reseal(owner, old);
    expect(next.ciphertext.startsWith("env1.")).toBe(true);
    expect(vault.needsReseal(next)).toBe(false);
    expect(vault.open(owner, next)).toBe(SECRET);
  });

  it("follows a key ring file: a rotation written by another process is picked up for sealing and opening", () => {
    const box = new SecretBox(randomBytes(32));
    const ring = ringIn(box);
    const server = new CredentialVault(box, ring);
    const before = server.seal(owner, SECRET);
    const [old] = ring.load();
    const fresh = randomBytes(32);
    ring.save([fresh, old!]);
    // Another process (the rotation command) re-wraps under the new key.
    const rotator = new CredentialVault(box, new KeyRingFile(ring.path, box.derive(CREDENTIALS_KEY_PURPOSE)));
    const rewrapped = rotator.reseal(owner, before);
    expect(rewrapped.keyId).not.toBe(before.keyId);
    expect(parseEnvelope(rewrapped.ciphertext).payload).toBe(parseEnvelope(before.ciphertext).payload);
    expect(server.open(owner, rewrapped)).toBe(SECRET);
    expect(server.open(owner, before)).toBe(SECRET);
    expect(server.seal(owner, SECRET).keyId).toBe(rewrapped.keyId);
    ring.save([fresh]);
    expect(server.needsReseal(before)).toBe(true);
    expect(() => new CredentialVault(box, ring).open(owner, before)).toThrow(/not loaded/);
  });
});

describe("KeyRingFile", () => {
  it("is the fallback key until written; writes mode 0600, current first; refuses a readable or bad file", () => {
    const box = new SecretBox(randomBytes(32));
    const ring = ringIn(box);
    expect(ring.stamp()).toBe("absent");
    expect(ring.load()).toEqual([box.derive(CREDENTIALS_KEY_PURPOSE)]);
    const keys = [randomBytes(32), randomBytes(32)];
    ring.save(keys);
    expect(statSync(ring.path).mode & 0o777).toBe(0o600);
    expect(ring.load()).toEqual(keys);
    expect(ring.stamp()).not.toBe("absent");
    expect(() => ring.save([])).toThrow(/at least one key/);
  });
});
