import type { OpenApiDocument, OpenApiOperation, OpenApiParameter } from "@gatehouse/contracts";
import { escapeHtml } from "../../email/escape-html.js";

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f7f8fa}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
a{color:#2557d6;text-decoration:none}a:hover{text-decoration:underline}
nav{position:fixed;top:0;bottom:0;left:0;width:290px;overflow-y:auto;padding:20px 16px;background:#fff;border-right:1px solid #e3e6ec}
nav h1{font-size:18px;margin:0 0 4px}nav .version{color:#6b7385;font-size:13px;margin-bottom:16px}
nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#6b7385;margin:18px 0 6px}
nav ul{list-style:none;margin:0;padding:0}nav li{margin:2px 0;font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
main{margin-left:290px;padding:28px 40px;max-width:1100px}
section.op{background:#fff;border:1px solid #e3e6ec;border-radius:8px;padding:18px 22px;margin:0 0 20px}
h2.tag{margin:36px 0 14px;font-size:22px}
.line{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.path{font-size:15px;font-weight:600}
.badge{display:inline-block;min-width:58px;text-align:center;border-radius:4px;padding:1px 6px;font:700 12px/1.6 ui-monospace,monospace;color:#fff}
.GET{background:#2f855a}.POST{background:#2557d6}.PUT{background:#b7791f}.PATCH{background:#805ad5}.DELETE{background:#c53030}
.small{font-size:12px;min-width:44px}
.summary{margin:8px 0 4px;font-weight:600}.desc{color:#404757;margin:4px 0}
.meta{color:#6b7385;font-size:13px}.meta code{background:#eef1f6;padding:0 4px;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef2;vertical-align:top}th{color:#6b7385;font-weight:600}
details{margin:8px 0}summary{cursor:pointer;font-weight:600;font-size:13px}
pre{background:#1e2430;color:#e6e9ef;padding:12px;border-radius:6px;overflow-x:auto;max-height:480px}
ul.errors{margin:6px 0;padding-left:18px;font-size:13px}
`;

/**
 * The API reference page: a self-contained HTML document (inline CSS, no script, nothing fetched)
 * rendered from the OpenAPI document — a navigation by tag, then per operation its method, path, summary,
 * description, who may call it, parameters, body and answer schemas, and error answers. Every text from
 * the document is escaped.
 *
 * @example
 * const html = renderApiDocs(buildOpenApiDocument(CONTRACTS, { title: "Gatehouse API", version: "1" }));
 */
export function renderApiDocs(doc: OpenApiDocument): string {
  const byTag = operationsByTag(doc);
  const title = escapeHtml(doc.info.title);
  const nav = [...byTag]
    .map(
      ([tag, ops]) =>
        `<h2>${escapeHtml(tag)}</h2><ul>${ops
          .map(
            ({ method, op }) =>
              `<li><a href="#${anchor(op.operationId)}"><span class="badge small ${method}">${method}</span> ${escapeHtml(op.summary)}</a></li>`,
          )
          .join("")}</ul>`,
    )
    .join("");
  const sections = [...byTag]
    .map(
      ([tag, ops]) =>
        `<h2 class="tag" id="${anchor(`tag-${tag}`)}">${escapeHtml(tag)}</h2>` +
        ops.map(({ method, path, op }) => renderOperation(method, path, op)).join(""),
    )
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} — reference</title><style>${STYLE}</style></head>
<body><nav><h1>${title}</h1><div class="version">version ${escapeHtml(doc.info.version)} · <a href="/api/openapi.json">openapi.json</a></div>${nav}</nav>
<main><h1>${title}</h1>${renderIntro(doc)}${sections}</main></body></html>
`;
}

interface Located {
  method: string;
  path: string;
  op: OpenApiOperation;
}

function operationsByTag(doc: OpenApiDocument): Map<string, Located[]> {
  const byTag = new Map<string, Located[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method: method.toUpperCase(), path, op });
    }
  }
  return byTag;
}

function renderIntro(doc: OpenApiDocument): string {
  const bearer = doc.components.securitySchemes.bearerAuth?.description ?? "";
  return `<section class="op"><p class="desc"><strong>Authentication.</strong> ${escapeHtml(bearer)}</p>
<p class="desc"><strong>Errors.</strong> Every failure answers the same JSON shape: a stable <code>code</code> to
match on, a <code>message</code> for people, the <code>requestId</code>, and for invalid input the
<code>issues</code> (where, such as <code>body.name</code>, and what).</p>
${schemaBlock("ApiError schema", doc.components.schemas.ApiError)}</section>`;
}

function renderOperation(method: string, path: string, op: OpenApiOperation): string {
  const success = Object.entries(op.responses).filter(([status]) => /^[23]/.test(status));
  const errors = Object.entries(op.responses).filter(([status]) => !/^[23]/.test(status));
  const body = op.requestBody?.content["application/json"]?.schema;
  return `<section class="op" id="${anchor(op.operationId)}">
<div class="line"><span class="badge ${method}">${method}</span><code class="path">${escapeHtml(path)}</code></div>
<p class="summary">${escapeHtml(op.summary)}</p>
${op.description === undefined ? "" : `<p class="desc">${escapeHtml(op.description)}</p>`}
<p class="meta">operationId <code>${escapeHtml(op.operationId)}</code> · ${accessText(op)}</p>
${renderParameters(op.parameters)}
${body === undefined ? "" : schemaBlock("Request body (application/json)", body)}
${success.map(([status, r]) => renderSuccess(status, r)).join("")}
<details><summary>Errors</summary><ul class="errors">${errors
    .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description)}</li>`)
    .join("")}</ul></details>
</section>`;
}

function accessText(op: OpenApiOperation): string {
  const permission = op["x-gatehouse-permission"];
  if (permission !== undefined) return `requires permission <code>${escapeHtml(permission)}</code>`;
  return op["x-gatehouse-access"] === "public" ? "public: no credentials" : "any signed-in user";
}

function renderParameters(parameters: readonly OpenApiParameter[]): string {
  if (parameters.length === 0) return "";
  const rows = parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td><code>${escapeHtml(
          typeText(p.schema),
        )}</code></td><td>${p.required ? "yes" : "no"}</td><td>${escapeHtml(p.description ?? "")}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderSuccess(status: string, response: OpenApiOperation["responses"][string]): string {
  const content = Object.entries(response.content ?? {});
  if (content.length === 0) {
    return `<p class="meta">Answers <code>${escapeHtml(status)}</code>: ${escapeHtml(response.description)}</p>`;
  }
  return content.map(([type, media]) => schemaBlock(`Response ${status} (${type})`, media.schema)).join("");
}

/** A parameter's type in a few characters: `integer`, `string (enum)`, `string | null`. */
function typeText(schema: Record<string, unknown>): string {
  if (typeof schema.type === "string")
    return schema.enum === undefined ? schema.type : `${schema.type} (enum)`;
  if (Array.isArray(schema.anyOf)) {
    return schema.anyOf.map((s) => typeText((s ?? {}) as Record<string, unknown>)).join(" | ");
  }
  return "any";
}

function schemaBlock(label: string, schema: unknown): string {
  return `<details><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(
    JSON.stringify(schema ?? {}, null, 2),
  )}</pre></details>`;
}

/** An element id from any text: operation ids keep their dots, anything else becomes `-`. */
function anchor(text: string): string {
  return escapeHtml(text.replace(/[^A-Za-z0-9._-]/g, "-"));
}
