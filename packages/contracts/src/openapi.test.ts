import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineContract } from "./define-contract.js";
import { CONTRACTS } from "./index.js";
import { buildOpenApiDocument, type JsonSchema, type OpenApiDocument, toOpenApiPath } from "./openapi.js";

const doc = buildOpenApiDocument(CONTRACTS, {
  title: "Gatehouse API",
  version: "1.0.0",
  serverUrl: "http://localhost",
});

function operation(document: OpenApiDocument, id: string) {
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.operationId === id) return { path, method, op };
    }
  }
  throw new Error(`no operation ${id}`);
}

/** Every `$ref` in a value, with the JSON pointer it names. */
function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsOf(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe("buildOpenApiDocument", () => {
  it("lists every contract with its method, path and operationId", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://localhost" }]);
    for (const c of CONTRACTS) {
      const found = operation(doc, c.id);
      expect(found.path, c.id).toBe(toOpenApiPath(c.path));
      expect(found.method, c.id).toBe(c.method.toLowerCase());
      expect(found.op.summary).toBe(c.summary);
      expect(found.op.tags).toEqual([c.tag]);
      expect(found.op.responses[String(c.status)], c.id).toBeDefined();
      expect(found.op.responses["404"]?.content?.["application/json"]?.schema).toEqual({
        $ref: "#/components/schemas/ApiError",
      });
    }
    const count = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(count).toBe(CONTRACTS.length);
    expect(doc.tags.map((t) => t.name)).toEqual([...new Set(CONTRACTS.map((c) => c.tag))]);
  });

  it("converts path parameters to OpenAPI's braces and lists them as required", () => {
    expect(toOpenApiPath("/api/tenants/:tenantId/keys/:keyId")).toBe("/api/tenants/{tenantId}/keys/{keyId}");
    const { path, op } = operation(doc, "keys.get");
    expect(path).toBe("/api/tenants/{tenantId}/keys/{keyId}");
    const pathParams = op.parameters.filter((p) => p.in === "path");
    expect(pathParams.map((p) => p.name).sort()).toEqual(["keyId", "tenantId"]);
    expect(pathParams.every((p) => p.required && p.schema.type === "string")).toBe(true);
    for (const p of Object.keys(doc.paths)) expect(p).not.toContain(":");
  });

  it("lists query parameters with their schema; a defaulted one is optional", () => {
    const { op } = operation(doc, "keys.list");
    const limit = op.parameters.find((p) => p.in === "query" && p.name === "limit")!;
    expect(limit.required).toBe(false);
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200, default: 50 });
    expect(op.parameters.find((p) => p.name === "status")?.schema.enum).toEqual([
      "active",
      "revoked",
      "expired",
    ]);
  });

  it("gives a body schema its required fields, and only writes get one", () => {
    const signUp = operation(doc, "auth.signUp").op;
    const schema = signUp.requestBody?.content["application/json"]?.schema as JsonSchema;
    expect((schema.required as string[]).sort()).toEqual(["email", "name", "password"]);
    const createKey = operation(doc, "keys.create").op;
    expect(createKey.requestBody?.content["application/json"]?.schema.required).toEqual(["name"]);
    expect(createKey.parameters.some((p) => p.in === "header" && p.name === "Idempotency-Key")).toBe(true);
    expect(operation(doc, "keys.get").op.requestBody).toBeUndefined();
  });

  it("describes 204, CSV and JSON answers, security and permission", () => {
    const noContent = CONTRACTS.find((c) => c.status === 204)!;
    expect(operation(doc, noContent.id).op.responses["204"]).toEqual({ description: "Done; no content." });
    expect(operation(doc, "audit.export").op.responses["200"]?.content).toEqual({
      "text/csv": { schema: { type: "string" } },
    });
    const getKey = operation(doc, "keys.get").op;
    expect(getKey.security).toEqual([{ bearerAuth: [] }]);
    expect(getKey["x-gatehouse-permission"]).toBe("keys:read");
    expect(getKey.responses["200"]?.content?.["application/json"]?.schema.required).toContain("prefix");
    expect(operation(doc, "auth.logIn").op.security).toEqual([]);
    expect(operation(doc, "tenants.list").op["x-gatehouse-access"]).toBe("user");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.ApiError?.required).toEqual(["error"]);
  });

  it("is JSON, and every $ref resolves inside the document", () => {
    const copy = JSON.parse(JSON.stringify(doc)) as unknown;
    expect(copy).toEqual(doc);
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(CONTRACTS.length);
    for (const ref of refs) expect(resolvePointer(doc, ref), ref).toBeDefined();
  });

  it("moves recursive and shared schemas to components, never throws on unrepresentable ones", () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const Shared = z.string().meta({ id: "TestSharedName" });
    const contracts = [
      defineContract({
        id: "trees.create",
        method: "POST",
        path: "/api/trees",
        tag: "Trees",
        summary: "Plant a tree",
        access: "user",
        body: z.object({ tree: Node, a: Shared, b: Shared, when: z.date() }),
        response: Node,
      }),
      defineContract({
        id: "trees.measure",
        method: "GET",
        path: "/api/trees/:treeId",
        tag: "Trees",
        summary: "Measure a tree",
        access: "public",
        params: z.object({ treeId: z.string() }),
        response: z.object({ size: z.string().transform((s) => s.length) }),
      }),
    ];
    const trees = buildOpenApiDocument(contracts, { title: "t", version: "1" });
    for (const ref of refsOf(trees)) expect(resolvePointer(trees, ref), ref).toBeDefined();
    expect(trees.components.schemas.TestSharedName).toEqual({ type: "string" });
    expect(JSON.stringify(trees)).not.toContain("$defs");
    expect(JSON.stringify(trees)).not.toContain('"$schema"');
  });
});
