import { z } from "zod";
import { ChatToolSchema, ChatToolsSchema } from "./chat-tool-contracts.js";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Chat presets";

/** The longest system prompt of a preset, in characters. */
export const CHAT_PRESET_PROMPT_MAX = 100_000;

const PresetName = z.string().trim().min(1, "Required.").max(100);
const Description = z.string().trim().max(1000);
const ModelName = z.string().trim().min(1, "Required.").max(200);

/** Sampling parameters; an unset one is left to the model's default. */
export const PresetParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().min(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export const PresetSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  /** The author: the only user who may edit or delete it. */
  authorId: z.string(),
  /** Whether the caller is the author (so the console shows edit and delete). */
  mine: z.boolean(),
  name: z.string(),
  description: z.string(),
  systemPrompt: z.string(),
  model: z.string(),
  parameters: PresetParametersSchema,
  /** Function tools (OpenAI's Chat Completions shape) sent with every answer of a chat started from it. */
  tools: z.array(ChatToolSchema),
  /** Readable by every member of the workspace with models:use; otherwise private to the author. */
  shared: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const base = "/api/tenants/:tenantId/workspaces/:workspaceId/presets";
const WsParams = z.object({ tenantId: Id, workspaceId: Id });
const PresetParams = z.object({ tenantId: Id, workspaceId: Id, presetId: Id });
const WHO =
  "For a signed-in user with models:use in the workspace. A private preset is its author's alone; a shared " +
  "one is readable by the workspace's members; only the author edits or deletes. Anyone else gets 404.";

const PresetBody = z.object({
  name: PresetName,
  description: Description.default(""),
  systemPrompt: z.string().max(CHAT_PRESET_PROMPT_MAX).default(""),
  model: ModelName,
  parameters: PresetParametersSchema.default({}),
  tools: ChatToolsSchema.default([]),
  shared: z.boolean().default(false),
});

export const listPresets = defineContract({
  id: "presets.list",
  method: "GET",
  path: base,
  tag,
  summary: "The caller's presets and the workspace's shared ones, most recently changed first",
  description: WHO,
  access: { permission: "models:use" },
  params: WsParams,
  query: z.object(PageQuery),
  response: pageOf(PresetSchema),
});

export const createPreset = defineContract({
  id: "presets.create",
  method: "POST",
  path: base,
  tag,
  summary: "Create a preset (an assistant: system prompt, model, parameters, tools)",
  description: WHO,
  access: { permission: "models:use" },
  params: WsParams,
  body: PresetBody,
  response: PresetSchema,
  status: 201,
});

export const getPreset = defineContract({
  id: "presets.get",
  method: "GET",
  path: `${base}/:presetId`,
  tag,
  summary: "A preset",
  description: WHO,
  access: { permission: "models:use" },
  params: PresetParams,
  response: PresetSchema,
});

export const updatePreset = defineContract({
  id: "presets.update",
  method: "PATCH",
  path: `${base}/:presetId`,
  tag,
  summary: "Change a preset (its author only)",
  description: WHO,
  access: { permission: "models:use" },
  params: PresetParams,
  body: z.object({
    name: PresetName.optional(),
    description: Description.optional(),
    systemPrompt: z.string().max(CHAT_PRESET_PROMPT_MAX).optional(),
    model: ModelName.optional(),
    parameters: PresetParametersSchema.optional(),
    tools: ChatToolsSchema.optional(),
    shared: z.boolean().optional(),
  }),
  response: PresetSchema,
});

export const deletePreset = defineContract({
  id: "presets.delete",
  method: "DELETE",
  path: `${base}/:presetId`,
  tag,
  summary: "Delete a preset (its author only); conversations started from it keep their settings",
  description: WHO,
  access: { permission: "models:use" },
  params: PresetParams,
  response: Empty,
  status: 204,
});

export const PRESET_CONTRACTS = [listPresets, createPreset, getPreset, updatePreset, deletePreset] as const;
