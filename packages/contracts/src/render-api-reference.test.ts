import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineContract } from "./define-contract.js";
import { CONTRACTS } from "./index.js";
import { API_REFERENCE_MARKERS, renderApiReference } from "./render-api-reference.js";

const docPath = new URL("../../../docs/api.md", import.meta.url);

describe("renderApiReference", () => {
  it("renders an operation's route, access, idempotency and fields as the client sends them", () => {
    const op = defineContract({
      id: "things.create",
      method: "POST",
      path: "/api/tenants/:tenantId/things",
      tag: "Things",
      summary: "Create a thing",
      access: { permission: "keys:create" },
      params: z.object({ tenantId: z.string() }),
      body: z.object({ name: z.string(), size: z.number().default(1), kind: z.enum(["a", "b"]).optional() }),
      response: z.object({ id: z.string() }),
      idempotent: true,
    });
    expect(renderApiReference([op])).toBe(
      [
        "### Things",
        "",
        "#### `things.create` — Create a thing",
        "",
        "`POST /api/tenants/:tenantId/things` · needs `keys:create` · answers 201 · accepts `Idempotency-Key`",
        "",
        'Body: `name` (string), `size` (number, optional), `kind` ("a" \\| "b", optional)',
        "",
      ].join("\n"),
    );
  });

  it("lists every contract, and docs/api.md holds the current rendering (run `npm run docs` after a change)", () => {
    const md = renderApiReference(CONTRACTS);
    for (const c of CONTRACTS) expect(md).toContain(`\`${c.id}\``);
    const doc = readFileSync(docPath, "utf8");
    const start = doc.indexOf(API_REFERENCE_MARKERS.start);
    const end = doc.indexOf(API_REFERENCE_MARKERS.end);
    expect(start).toBeGreaterThan(-1);
    expect(doc.slice(start + API_REFERENCE_MARKERS.start.length, end).trim()).toBe(md.trim());
  });
});
