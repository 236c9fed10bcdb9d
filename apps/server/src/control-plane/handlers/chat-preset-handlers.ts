import type * as C from "@gatehouse/contracts";
import type { ChatToolSchema, ParsedBody, ParsedQuery } from "@gatehouse/contracts";
import type { z } from "zod";
import type {
  ChatPreset,
  ChatPresetParameters,
  ChatPresetTool,
} from "../../store/chat-library/chat-library-types.js";
import { type ChatWorkspaceCtx, chatOwnerOf } from "./chat-owner.js";
import { type ControlPlaneDeps, found } from "./control-plane-deps.js";

type PresetCtx = ChatWorkspaceCtx & { params: { presetId: string } };

/**
 * Chat presets (docs/chat.md, Presets): the caller's own and the workspace's shared ones are visible;
 * only the author changes or deletes one — for anyone else it reads as missing (404).
 */
export function chatPresetHandlers(deps: ControlPlaneDeps) {
  const repo = (ctx: ChatWorkspaceCtx) => deps.store.forTenant(ctx.params.tenantId).chatPresets;

  return {
    "presets.list": async (ctx: ChatWorkspaceCtx & { query: ParsedQuery<typeof C.listPresets> }) => {
      const owner = await chatOwnerOf(deps, ctx);
      const { limit, cursor, order } = ctx.query;
      const page = await repo(ctx).list(owner, { limit, order, ...(cursor !== undefined && { cursor }) });
      return { items: page.items.map((p) => presetView(p, owner.userId)), nextCursor: page.nextCursor };
    },
    "presets.create": async (ctx: ChatWorkspaceCtx & { body: ParsedBody<typeof C.createPreset> }) => {
      const owner = await chatOwnerOf(deps, ctx);
      const b = ctx.body;
      const created = await repo(ctx).create(owner, {
        name: b.name,
        description: b.description,
        systemPrompt: b.systemPrompt,
        model: b.model,
        parameters: parametersOf(b.parameters),
        tools: b.tools.map(toolOf),
        shared: b.shared,
      });
      return presetView(created, owner.userId);
    },
    "presets.get": async (ctx: PresetCtx) => {
      const owner = await chatOwnerOf(deps, ctx);
      return presetView(found(await repo(ctx).get(owner, ctx.params.presetId)), owner.userId);
    },
    "presets.update": async (ctx: PresetCtx & { body: ParsedBody<typeof C.updatePreset> }) => {
      const owner = await chatOwnerOf(deps, ctx);
      const b = ctx.body;
      const updated = await repo(ctx).update(owner, ctx.params.presetId, {
        ...(b.name !== undefined && { name: b.name }),
        ...(b.description !== undefined && { description: b.description }),
        ...(b.systemPrompt !== undefined && { systemPrompt: b.systemPrompt }),
        ...(b.model !== undefined && { model: b.model }),
        ...(b.parameters !== undefined && { parameters: parametersOf(b.parameters) }),
        ...(b.tools !== undefined && { tools: b.tools.map(toolOf) }),
        ...(b.shared !== undefined && { shared: b.shared }),
      });
      return presetView(found(updated), owner.userId);
    },
    "presets.delete": async (ctx: PresetCtx) => {
      const owner = await chatOwnerOf(deps, ctx);
      found((await repo(ctx).remove(owner, ctx.params.presetId)) ? true : undefined);
      return null;
    },
  };
}

/** Only the parameters set (zod's optional fields may be present as undefined). */
function parametersOf(p: {
  temperature?: number | undefined;
  topP?: number | undefined;
  maxTokens?: number | undefined;
}) {
  const out: ChatPresetParameters = {};
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.topP = p.topP;
  if (p.maxTokens !== undefined) out.maxTokens = p.maxTokens;
  return out;
}

/** A tool as stored: only the fields set (zod's optional fields may be present as undefined). */
function toolOf(t: z.output<typeof ChatToolSchema>): ChatPresetTool {
  const { name, description, parameters, strict } = t.function;
  return {
    type: "function",
    function: {
      name,
      ...(description !== undefined && { description }),
      ...(parameters !== undefined && { parameters }),
      ...(strict !== undefined && { strict }),
    },
  };
}

/** The API's view: the tenant is implied by the path; the author's id and whether it is the caller. */
function presetView(p: ChatPreset, callerId: string) {
  const { tenantId: _t, userId, ...rest } = p;
  return { ...rest, authorId: userId, mine: userId === callerId };
}
