import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import type { Preset } from "../chat-presets/preset-types";
import { DEFAULT_SETTINGS, type PlaygroundSettings } from "../playground/playground-request";

/**
 * The request settings a preset gives every answer of a conversation started from it: its system
 * prompt, sampling parameters (an unset one is left to the model) and tools; no preset, the defaults.
 *
 * @example
 * chatRequestBody(model, presetSettings(preset), history);
 */
export function presetSettings(
  preset: (Pick<Preset, "systemPrompt" | "parameters"> & { tools?: Preset["tools"] }) | undefined,
): PlaygroundSettings {
  if (preset === undefined) return DEFAULT_SETTINGS;
  const p = preset.parameters;
  const tools = preset.tools ?? [];
  return {
    ...DEFAULT_SETTINGS,
    system: preset.systemPrompt,
    temperature: p.temperature ?? "",
    topP: p.topP ?? "",
    maxTokens: p.maxTokens ?? "",
    tools: tools.length > 0 ? JSON.stringify(tools) : "",
  };
}

/**
 * The preset a conversation was started from (`conversation.presetId`), or the one a new chat is
 * started from (`/chat?preset=<id>`, the Presets page's "Start chat"): read with presets.get, so a
 * preset the user may no longer see answers 404 and is shown as an error in place.
 */
export function useChatPreset(tenantId: string, workspaceId: string, presetId: string | null | undefined) {
  const { client } = useApi();
  const query = useQuery({
    queryKey: ["presets.get", tenantId, workspaceId, presetId],
    enabled: Boolean(presetId) && workspaceId !== "",
    queryFn: () => client.presets.get({ params: { tenantId, workspaceId, presetId: presetId! } }),
    staleTime: 60_000,
  });
  return { preset: presetId ? query.data : undefined, error: presetId ? query.error : null };
}
