import { describe, expect, it } from "vitest";
import { presentedKey } from "./presented-key.js";

describe("presentedKey", () => {
  it("reads each surface's header style", () => {
    expect(presentedKey({ authorization: "Bearer gh_a" })).toBe("gh_a");
    expect(presentedKey({ authorization: "bearer  gh_a " })).toBe("gh_a");
    expect(presentedKey({ authorization: "gh_raw" })).toBe("gh_raw");
    expect(presentedKey({ "x-api-key": "gh_b" })).toBe("gh_b");
    expect(presentedKey({ "x-goog-api-key": "gh_c" })).toBe("gh_c");
    expect(presentedKey({})).toBeUndefined();
  });

  it("prefers Authorization, but an empty value does not hide the next style", () => {
    expect(presentedKey({ authorization: "Bearer gh_a", "x-api-key": "gh_b" })).toBe("gh_a");
    expect(presentedKey({ authorization: "Bearer ", "x-api-key": "gh_b" })).toBe("gh_b");
    expect(presentedKey({ "x-api-key": " ", "x-goog-api-key": "gh_c" })).toBe("gh_c");
    expect(presentedKey({ authorization: "Bearer " })).toBeUndefined();
  });
});
