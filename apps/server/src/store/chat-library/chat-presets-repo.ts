import type { Kysely } from "kysely";
import type { ChatOwner } from "../chat/chat-types.js";
import type { ChatPresetsTable, DB } from "../database.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { paginate } from "../tenancy/paginate.js";
import type {
  ChatPreset,
  ChatPresetParameters,
  ChatPresetTool,
  TenantChatPresetsRepo,
} from "./chat-library-types.js";

/**
 * One tenant's chat presets (see TenantChatPresetsRepo): a viewer sees their own presets in the
 * workspace and the workspace's shared ones; only the author (in the preset's workspace) may change one.
 *
 * @example
 * const presets = store.forTenant(tenantId).chatPresets;
 * await presets.create({ workspaceId, userId }, { name: "Editor", description: "", systemPrompt: "Fix typos.",
 *   model: "openai/gpt-4o", parameters: { temperature: 0.2 }, shared: true });
 */
export function createTenantChatPresetsRepo(
  { db, now }: RepoContext,
  tenantId: string,
): TenantChatPresetsRepo {
  const visible = (viewer: ChatOwner) =>
    db
      .selectFrom("chat_presets")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("workspace_id", "=", viewer.workspaceId)
      .where((eb) => eb.or([eb("user_id", "=", viewer.userId), eb("shared", "=", 1)]));
  const authored = (d: Kysely<DB>, author: ChatOwner, id: string) =>
    d
      .selectFrom("chat_presets")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("workspace_id", "=", author.workspaceId)
      .where("user_id", "=", author.userId)
      .where("id", "=", id)
      .executeTakeFirst();

  return {
    list: (viewer, page) =>
      paginate(
        visible(viewer),
        { ...page, order: page.order ?? "desc" },
        { at: "updated_at", id: "id" },
        toPreset,
        (r) => [Number(r.updated_at), r.id],
      ),

    async create(author, input) {
      const at = now();
      const row: ChatPresetsTable = {
        id: newId("pst"),
        tenant_id: tenantId,
        workspace_id: author.workspaceId,
        user_id: author.userId,
        name: input.name,
        description: input.description,
        system_prompt: input.systemPrompt,
        model: input.model,
        parameters: JSON.stringify(input.parameters),
        tools: JSON.stringify(input.tools ?? []),
        shared: input.shared ? 1 : 0,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto("chat_presets").values(row).execute();
      return toPreset(row);
    },

    async get(viewer, id) {
      const row = await visible(viewer).where("id", "=", id).executeTakeFirst();
      return row && toPreset(row);
    },

    async update(author, id, patch) {
      const set: Partial<ChatPresetsTable> = { updated_at: now() };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.systemPrompt !== undefined) set.system_prompt = patch.systemPrompt;
      if (patch.model !== undefined) set.model = patch.model;
      if (patch.parameters !== undefined) set.parameters = JSON.stringify(patch.parameters);
      if (patch.tools !== undefined) set.tools = JSON.stringify(patch.tools);
      if (patch.shared !== undefined) set.shared = patch.shared ? 1 : 0;
      // The author check is the UPDATE's own condition: no window between a read and the write.
      const result = await db
        .updateTable("chat_presets")
        .set(set)
        .where("tenant_id", "=", tenantId)
        .where("workspace_id", "=", author.workspaceId)
        .where("user_id", "=", author.userId)
        .where("id", "=", id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return undefined;
      const row = await authored(db, author, id);
      return row && toPreset(row);
    },

    async remove(author, id) {
      const result = await db
        .deleteFrom("chat_presets")
        .where("tenant_id", "=", tenantId)
        .where("workspace_id", "=", author.workspaceId)
        .where("user_id", "=", author.userId)
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toPreset(row: ChatPresetsTable): ChatPreset {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    systemPrompt: row.system_prompt,
    model: row.model,
    parameters: JSON.parse(row.parameters) as ChatPresetParameters,
    tools: JSON.parse(row.tools) as ChatPresetTool[],
    shared: Number(row.shared) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
