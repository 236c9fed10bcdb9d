import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps a path of this site", () => {
    expect(safeNext("/t/abc/logs?status=error")).toBe("/t/abc/logs?status=error");
  });
  it("refuses other origins, protocol-relative and backslash tricks", () => {
    for (const bad of ["https://evil.test", "//evil.test", "/\\evil.test", "javascript:alert(1)", "", null]) {
      expect(safeNext(bad)).toBe("/");
    }
  });
});
