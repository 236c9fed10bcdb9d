import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  chosenProfileName,
  profilesPath,
  readProfiles,
  updateProfile,
  writeProfiles,
} from "./profile-store.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-profiles-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("profile store", () => {
  it("lives in $GATEHOUSE_CONFIG_DIR, else the XDG config home, else ~/.config/gatehouse", () => {
    expect(profilesPath({ GATEHOUSE_CONFIG_DIR: "/c" })).toBe("/c/profiles.json");
    expect(profilesPath({ XDG_CONFIG_HOME: "/x", HOME: "/h" })).toBe("/x/gatehouse/profiles.json");
    expect(profilesPath({ HOME: "/h" })).toBe("/h/.config/gatehouse/profiles.json");
  });

  it("writes the file 0600 in a 0700 directory, even over a file that was readable by others", () => {
    const path = join(dir, "nested", "profiles.json");
    writeProfiles(path, { profiles: {} });
    expect(statSync(join(dir, "nested")).mode & 0o777).toBe(0o700);
    chmodSync(path, 0o644);
    updateProfile(path, "work", () => ({ url: "https://gw.example", refreshToken: "ghr_1" }));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readProfiles(path).profiles.work).toEqual({ url: "https://gw.example", refreshToken: "ghr_1" });
  });

  it("reads a missing file as no profiles, and names a damaged file in the error", () => {
    expect(readProfiles(join(dir, "none.json"))).toEqual({ profiles: {} });
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    expect(() => readProfiles(bad)).toThrow(`${bad} is not valid JSON`);
    writeFileSync(bad, JSON.stringify({ profiles: { a: { url: 5 } } }));
    expect(() => readProfiles(bad)).toThrow("is not a profiles file");
    expect(readFileSync(bad, "utf8")).toContain("url");
  });

  it("picks --profile, else $GATEHOUSE_PROFILE, else the current profile, else default", () => {
    const file = { current: "cur", profiles: {} };
    expect(chosenProfileName(file, "flag", { GATEHOUSE_PROFILE: "env" })).toBe("flag");
    expect(chosenProfileName(file, undefined, { GATEHOUSE_PROFILE: "env" })).toBe("env");
    expect(chosenProfileName(file, undefined, {})).toBe("cur");
    expect(chosenProfileName({ profiles: {} }, undefined, {})).toBe("default");
  });
});
