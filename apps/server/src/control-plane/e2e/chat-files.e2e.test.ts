import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeBombDocx,
  makeDocx,
  makeNestedPdf,
  makePdf,
  makePng,
} from "../../chat-files/testing/make-test-files.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import type { UserRole } from "../../store/store-types.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

/**
 * Chat attachments through the real server (docs/chat.md, Attachments): uploads sniffed and extracted,
 * served with safe headers, private to their uploader, refused cleanly (lying names, zip bombs, hostile
 * PDFs, oversized, no Content-Length, past the quota) with nothing stored, and attached to messages.
 */
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
const QUOTA = 1_000_000;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;
let owner: string;
let member: string;
let member2: string;

async function user(email: string, role: UserRole) {
  const u = await gw.store.users.create({
    tenantId: gw.tenant.id,
    email,
    name: email,
    role,
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await call("POST", "/api/auth/login", { body: { email, password: PASSWORD } });
  return { id: u.id, token: login.json.accessToken as string };
}

const ws = () => `/api/tenants/${gw.tenant.id}/workspaces/${gw.workspace.id}`;
const files = () => `${ws()}/chat-files`;

async function upload(token: string, name: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  const res = await fetch(`${gw.url}${files()}?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", ...headers },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) };
}

const listed = async (token: string) =>
  ((await call("GET", `${files()}?limit=200`, { token })).json.items as { name: string }[]).map(
    (f) => f.name,
  );

beforeAll(async () => {
  gw = await startTestGateway({ passwordHasher: hasher, chatFiles: { quotaBytes: QUOTA } });
  call = apiClient(gw.url);
  owner = (await user("owner@acme.test", "owner")).token;
  const m = await user("member@acme.test", "member");
  const m2 = await user("member2@acme.test", "member");
  member = m.token;
  member2 = m2.token;
  for (const id of [m.id, m2.id]) {
    const put = await call("PUT", `${ws()}/members/${id}`, { token: owner, body: { role: "member" } });
    expect(put.status).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

describe("chat files API", () => {
  it("stores images and documents by their content, serves them safely, lists and deletes them", async () => {
    const png = await upload(member, "C:\\fakepath\\diagram.png", makePng(3, 2), {
      "content-type": "text/html",
    });
    expect(png.status).toBe(201);
    expect(png.json).toMatchObject({
      name: "diagram.png",
      mediaType: "image/png",
      kind: "image",
      textLength: 0,
    });
    const pdf = await upload(member, "report.pdf", makePdf(["Quarterly report", "Revenue grew"]));
    expect(pdf.json).toMatchObject({ mediaType: "application/pdf", kind: "document" });
    const docx = await upload(member, "memo.docx", makeDocx(["Memo", "Ship it"]));
    expect(docx.json.kind).toBe("document");
    const md = await upload(member, "notes.md", Buffer.from("# Notes\n<script>alert(1)</script>"));
    expect(md.json).toMatchObject({ mediaType: "text/markdown", size: 33 });

    const image = await fetch(`${gw.url}${files()}/${png.json.id}/content`, {
      headers: { authorization: `Bearer ${member}` },
    });
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(image.headers.get("content-disposition")).toBe(
      `inline; filename="diagram.png"; filename*=UTF-8''diagram.png`,
    );
    expect(Buffer.compare(Buffer.from(await image.arrayBuffer()), makePng(3, 2))).toBe(0);
    const note = await fetch(`${gw.url}${files()}/${md.json.id}/content`, {
      headers: { authorization: `Bearer ${member}` },
    });
    expect(note.headers.get("content-disposition")).toBe(
      `attachment; filename="notes.md"; filename*=UTF-8''notes.md`,
    );
    expect(note.headers.get("content-type")).toBe("text/markdown; charset=utf-8");

    const imageContext = await call("GET", `${files()}/${png.json.id}/context`, { token: member });
    expect(imageContext.json.dataUrl).toBe(`data:image/png;base64,${makePng(3, 2).toString("base64")}`);
    const pdfContext = await call("GET", `${files()}/${pdf.json.id}/context`, { token: member });
    expect(pdfContext.json).toEqual({
      kind: "document",
      name: "report.pdf",
      mediaType: "application/pdf",
      text: "Quarterly report\n\nRevenue grew",
    });
    expect((await call("GET", `${files()}/${docx.json.id}/context`, { token: member })).json.text).toBe(
      "Memo\nShip it",
    );

    const first = await call("GET", `${files()}?limit=2`, { token: member });
    expect(first.json.items.map((f: { name: string }) => f.name)).toEqual(["notes.md", "memo.docx"]);
    const rest = await call("GET", `${files()}?limit=10&cursor=${first.json.nextCursor}`, { token: member });
    expect(rest.json.items.map((f: { name: string }) => f.name)).toEqual(["report.pdf", "diagram.png"]);

    for (const f of [png, pdf, docx, md]) {
      expect((await call("DELETE", `${files()}/${f.json.id}`, { token: member })).status).toBe(204);
    }
    expect(await listed(member)).toEqual([]);
  }, 30_000);

  it("answers 404 for another user's file, even the tenant owner's look; 403 for an API key", async () => {
    const mine = await upload(member, "secret.txt", Buffer.from("mine"));
    for (const path of ["", "/content", "/context"]) {
      expect((await call("GET", `${files()}/${mine.json.id}${path}`, { token: member2 })).status).toBe(404);
      expect((await call("GET", `${files()}/${mine.json.id}${path}`, { token: owner })).status).toBe(404);
    }
    expect((await call("DELETE", `${files()}/${mine.json.id}`, { token: member2 })).status).toBe(404);
    expect(await listed(member2)).toEqual([]);
    expect((await call("GET", files(), { token: gw.key })).status).toBe(403);
    expect((await call("DELETE", `${files()}/${mine.json.id}`, { token: member })).status).toBe(204);
  });

  it("refuses bad uploads with a clear 4xx and stores nothing", async () => {
    const cases: [string, Uint8Array, number, RegExp][] = [
      ["invoice.pdf", makePng(), 415, /named as a PDF but its content is an image/],
      ["photo.png", Buffer.from("hello"), 415, /is not an image/],
      ["latin.txt", Buffer.from("caf\u00e9", "latin1"), 415, /UTF-8/],
      ["bomb.docx", makeBombDocx(40 * 1_048_576), 400, /zip bomb/],
      ["deep.pdf", makeNestedPdf(200_000), 400, /The PDF could not be read/],
      ["empty.md", new Uint8Array(0), 400, /empty/],
    ];
    for (const [name, bytes, status, message] of cases) {
      const res = await upload(member, name, bytes);
      expect(res.status, name).toBe(status);
      expect(res.json.error.message, name).toMatch(message);
    }
    const big = await upload(member, "big.txt", Buffer.alloc(20 * 1_048_576 + 1, 0x61));
    expect(big.status).toBe(413);
    const noName = await upload(member, "", Buffer.from("x"));
    expect(noName.status).toBe(400);
    // A chunked body carries no Content-Length.
    const chunked = await fetch(`${gw.url}${files()}?name=a.txt`, {
      method: "POST",
      headers: { authorization: `Bearer ${member}`, "content-type": "application/octet-stream" },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode("hello"));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect(await chunked.text()).toMatch(/Content-Length/);
    expect(await listed(member)).toEqual([]);
    expect(await gw.store.forTenant(gw.tenant.id).chatFiles.usedBytes()).toBe(0);
  }, 60_000);

  it("keeps the tenant under its quota, across users, and frees room on delete", async () => {
    const a = await upload(member, "a.txt", Buffer.alloc(700_000, 0x61));
    expect(a.status).toBe(201);
    const b = await upload(member2, "b.txt", Buffer.alloc(400_000, 0x62));
    expect(b.status).toBe(413);
    expect(b.json.error.message).toMatch(/quota is used up: 0\.7 of 1\.0 MB/);
    expect(await listed(member2)).toEqual([]);
    expect((await call("DELETE", `${files()}/${a.json.id}`, { token: member })).status).toBe(204);
    const again = await upload(member2, "b.txt", Buffer.alloc(400_000, 0x62));
    expect(again.status).toBe(201);
    expect((await call("DELETE", `${files()}/${again.json.id}`, { token: member2 })).status).toBe(204);
  });

  it("attaches the caller's own files to a user message, as stored", async () => {
    const img = await upload(member, "cat.png", makePng());
    const theirs = await upload(member2, "theirs.txt", Buffer.from("x"));
    const conv = await call("POST", `${ws()}/conversations`, {
      token: member,
      body: { model: "gpt-4o-mini" },
    });
    const messages = `${ws()}/conversations/${conv.json.id}/messages`;
    const part = {
      type: "file",
      fileId: img.json.id,
      name: "renamed.exe",
      mediaType: "text/html",
      kind: "document",
      size: 1,
    };
    const sent = await call("POST", messages, {
      token: member,
      body: { parentId: null, role: "user", text: "What is this?", parts: [part] },
    });
    expect(sent.status).toBe(201);
    expect(sent.json.message.parts).toEqual([
      {
        type: "file",
        fileId: img.json.id,
        name: "cat.png",
        mediaType: "image/png",
        kind: "image",
        size: img.json.size,
      },
    ]);
    const foreign = await call("POST", messages, {
      token: member,
      body: { parentId: null, role: "user", text: "x", parts: [{ ...part, fileId: theirs.json.id }] },
    });
    expect(foreign.status).toBe(404);
    const assistant = await call("POST", messages, {
      token: member,
      body: { parentId: sent.json.message.id, role: "assistant", text: "x", parts: [part] },
    });
    expect(assistant.status).toBe(400);
    const malformed = await call("POST", messages, {
      token: member,
      body: { parentId: null, role: "user", text: "x", parts: [{ type: "image_url", url: "http://x" }] },
    });
    expect(malformed.status).toBe(400);

    // The export names the file; the share link's snapshot names it too, and never holds its bytes.
    const md = await call("GET", `${ws()}/conversations/${conv.json.id}/export?format=markdown`, {
      token: member,
    });
    expect(md.json.content).toContain("Attached: cat.png");
    const share = await call("POST", `${ws()}/conversations/${conv.json.id}/shares`, { token: member });
    const shared = await call("GET", `/api/shared/${share.json.token}`);
    expect(shared.json.messages[0]).toMatchObject({ text: "What is this?", files: ["cat.png"] });
    expect(shared.text).not.toContain(img.json.id);
    expect(shared.text).not.toContain("base64");
  });
});
