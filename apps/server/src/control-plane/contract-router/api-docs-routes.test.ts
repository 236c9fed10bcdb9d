import { buildOpenApiDocument, CONTRACTS, type OpenApiDocument } from "@gatehouse/contracts";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../email/escape-html.js";
import { API_DOCS_PATHS, registerApiDocs } from "./api-docs-routes.js";
import { bareApp, TEST_CONTRACTS } from "./testing/contract-test-app.js";

const contracts = [...CONTRACTS, ...TEST_CONTRACTS];
const document = buildOpenApiDocument(contracts, { title: "Gatehouse <API>", version: "1.2.3" });

async function docsApp() {
  const { app } = bareApp();
  registerApiDocs(app, document);
  await app.ready();
  return app;
}

describe("registerApiDocs", () => {
  it("serves the OpenAPI document with every path", async () => {
    const app = await docsApp();
    const res = await app.inject({ url: API_DOCS_PATHS[0] });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const served = res.json() as OpenApiDocument;
    expect(served).toEqual(JSON.parse(JSON.stringify(document)));
    expect(Object.keys(served.paths)).toContain("/api/tenants/{tenantId}/keys/{keyId}");
    await app.close();
  });

  it("serves a self-contained HTML reference naming every operation, with its text escaped", async () => {
    const app = await docsApp();
    const res = await app.inject({ url: API_DOCS_PATHS[1] });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    const html = res.body;
    for (const c of contracts) expect(html, c.id).toContain(escapeHtml(c.id));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/i);
    expect(html).toContain("Gatehouse &lt;API&gt;");
    expect(html).toContain("Create a &lt;thing&gt;");
    expect(html).not.toContain("<thing>");
    expect(html).toContain("keys:read");
    // A redirect is the operation's success, not listed among its errors.
    expect(html).toContain("Answers <code>302</code>: Redirect; no content.");
    expect(html.length).toBeLessThan(2_000_000);
    await app.close();
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
