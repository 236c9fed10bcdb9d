import { describe, expect, it } from "vitest";
import { placeholderCredentials, placeholderEnvName } from "./placeholder-env-name.js";

describe("placeholderEnvName", () => {
  it("upper-snakes the provider and the field", () => {
    expect(placeholderEnvName("openai", "apiKey")).toBe("GATEHOUSE_OPENAI_API_KEY");
    expect(placeholderEnvName("aws-eu.1", "secretAccessKey")).toBe("GATEHOUSE_AWS_EU_1_SECRET_ACCESS_KEY");
  });

  it("never gives two providers the same variable", () => {
    const refs = placeholderCredentials([
      { name: "a-b", fields: ["apiKey"] },
      { name: "a_b", fields: ["apiKey"] },
      { name: "A.b", fields: ["apiKey", "accessKeyId"] },
      { name: "none", fields: [] },
    ]);
    expect([...refs]).toEqual([
      ["a-b", { apiKey: { env: "GATEHOUSE_A_B_API_KEY" } }],
      ["a_b", { apiKey: { env: "GATEHOUSE_A_B_2_API_KEY" } }],
      [
        "A.b",
        { apiKey: { env: "GATEHOUSE_A_B_3_API_KEY" }, accessKeyId: { env: "GATEHOUSE_A_B_3_ACCESS_KEY_ID" } },
      ],
      ["none", {}],
    ]);
  });
});
