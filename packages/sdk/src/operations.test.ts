import { CONTRACTS } from "@gatehouse/contracts";
import { describe, expect, it } from "vitest";
import { RESERVED_NAMES } from "./create-gatehouse-client.js";
import { OPERATIONS } from "./operations.js";

describe("OPERATIONS", () => {
  it("holds exactly the operations the server serves (CONTRACTS), each under its own id", () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual(CONTRACTS.map((c) => c.id).sort());
    for (const [id, contract] of Object.entries(OPERATIONS)) {
      expect(contract.id).toBe(id);
      expect(CONTRACTS).toContain(contract);
    }
  });

  it("names every operation <resource>.<verb>, no resource taking a name of the client's own members", () => {
    for (const id of Object.keys(OPERATIONS)) {
      expect(id).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
      expect(RESERVED_NAMES).not.toContain(id.split(".")[0]);
    }
  });
});
