import type { ObjectRef } from "./matrix-model.js";
import type { MatrixTenant, MatrixWorld } from "./matrix-world.js";

/** The chat library's objects for the authorization matrix: presets, share links and their tokens, answers. */

type Fresh = (
  w: MatrixWorld,
  t: MatrixTenant,
  ctx: { path: string; resolved: Record<string, ObjectRef> },
) => Promise<ObjectRef>;

const ref = (t: MatrixTenant, id: string, extra: Partial<ObjectRef> = {}): ObjectRef => ({
  id,
  tenant: t.tag,
  ...extra,
});

/** The workspace of the path (already chosen), or the tenant's shared one. */
const workspaceOf = (t: MatrixTenant, ctx: { resolved: Record<string, ObjectRef> }) =>
  ctx.resolved.workspaceId?.tenant === t.tag ? ctx.resolved.workspaceId.id : t.workspaceId;

/** Fresh objects per path parameter (see FRESH in matrix-fixtures.ts). */
export const CHAT_LIBRARY_FRESH: Readonly<Record<string, Fresh>> = {
  // A preset of the tenant's owner, shared with the path's workspace: readable there, changed by its author.
  presetId: async (w, t, ctx) => {
    const ws = workspaceOf(t, ctx);
    const p = await w.must(201, "POST", `/api/tenants/${t.id}/workspaces/${ws}/presets`, t.owner.token!, {
      name: w.unique("preset "),
      model: "matrix-model",
      shared: true,
    });
    return ref(t, p.id, { workspaceId: ws, ownerUserId: t.owner.userId });
  },
  // A share link of the path's conversation (already chosen) when it is this tenant's, else of the shared one.
  shareId: async (w, t, ctx) => {
    const c =
      ctx.resolved.conversationId?.tenant === t.tag
        ? ctx.resolved.conversationId
        : t.shared.get("conversationId")!;
    const share = await w.must(
      201,
      "POST",
      `/api/tenants/${t.id}/workspaces/${c.workspaceId}/conversations/${c.id}/shares`,
      t.owner.token!,
    );
    return ref(t, share.id, { workspaceId: c.workspaceId!, ownerUserId: t.owner.userId });
  },
  // An answer (stored whole: done) in the path's conversation when it is this tenant's, else the shared one.
  messageId: async (w, t, ctx) => {
    const c =
      ctx.resolved.conversationId?.tenant === t.tag
        ? ctx.resolved.conversationId
        : t.shared.get("conversationId")!;
    const { message } = await w.must(
      201,
      "POST",
      `/api/tenants/${t.id}/workspaces/${c.workspaceId}/conversations/${c.id}/messages`,
      t.owner.token!,
      { parentId: null, role: "assistant", text: "Matrix answer" },
    );
    return ref(t, message.id, { workspaceId: c.workspaceId!, ownerUserId: t.owner.userId });
  },
  // An attachment of the tenant's owner in the path's workspace: private to that user (OBJECT_RULES).
  fileId: async (w, t, ctx) => {
    const ws = workspaceOf(t, ctx);
    const path = `/api/tenants/${t.id}/workspaces/${ws}/chat-files?name=${w.unique("file-")}.txt`;
    const f = await w.must(201, "POST", path, t.owner.token!, "The body is the file: JSON text is text.");
    return ref(t, f.id, { workspaceId: ws, ownerUserId: t.owner.userId });
  },
  // A share link's token: public, a value no tenant check applies to (matrix-model VALUE_PARAMS).
  token: async (_w, t) => t.shared.get("token")!,
};

/** The tenant's shared preset, share link and share token (after its shared conversation exists). */
export async function addChatLibraryObjects(w: MatrixWorld, t: MatrixTenant): Promise<void> {
  const ctx = { path: "", resolved: {} };
  t.shared.set("presetId", await CHAT_LIBRARY_FRESH.presetId!(w, t, ctx));
  t.shared.set("shareId", await CHAT_LIBRARY_FRESH.shareId!(w, t, ctx));
  t.shared.set("messageId", await CHAT_LIBRARY_FRESH.messageId!(w, t, ctx));
  t.shared.set("fileId", await CHAT_LIBRARY_FRESH.fileId!(w, t, ctx));
  const c = t.shared.get("conversationId")!;
  const link = await w.must(
    201,
    "POST",
    `/api/tenants/${t.id}/workspaces/${c.workspaceId}/conversations/${c.id}/shares`,
    t.owner.token!,
  );
  t.shared.set("token", ref(t, link.token));
}
