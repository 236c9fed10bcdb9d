import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { useModelNames } from "../playground/use-model-names";
import type { WildcardRoutes } from "./model-offers";

/** No wildcard: until playground.wildcards answers, only listed models are offered. */
const NO_ROUTES: WildcardRoutes = { wildcards: [], allowedModels: [] };

/** A model the member may call, with what the catalog says of it (when the member may read it). */
export interface ChatModel {
  name: string;
  capabilities: string[];
  /** nano-USD per million tokens; null when the catalog was not readable or names no such model. */
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
  contextWindow: number | null;
}

/**
 * The models the chat may use: exactly those the gateway lists for the user's playground key
 * (GET /v1/models: the catalog filtered by the key's and the workspace's allow-lists, as the playground
 * lists them), each with its capabilities and prices from models.list when the user holds models:read
 * (the first 200 models; an alias or a model past them shows no price). Names GET /v1/models cannot list
 * (routed by a wildcard model, `openai/*`) come as `routes`: the wildcards the workspace may use
 * (playground.wildcards, for any holder of models:use) and its allow-list, for the picker to take a name.
 */
export function useChatModels(origin: string, key: { get(): Promise<string> }, enabled: boolean) {
  const { client } = useApi();
  const { tenantId, workspace, can } = useScope();
  const names = useModelNames(origin, tenantId, workspace?.id, key, enabled);
  const mayRead = can("models:read");
  const catalog = useQuery({
    queryKey: ["models.list", tenantId, "chat"],
    enabled: enabled && mayRead,
    staleTime: 60_000,
    queryFn: () => client.models.list({ params: { tenantId }, query: { limit: 200 } }),
  });
  const wildcards = useQuery({
    queryKey: ["playground.wildcards", tenantId, workspace?.id],
    enabled: enabled && workspace !== undefined,
    staleTime: 60_000,
    queryFn: () => client.playground.wildcards({ params: { tenantId, workspaceId: workspace?.id ?? "" } }),
  });
  const routes: WildcardRoutes = wildcards.data ?? NO_ROUTES;
  const byName = new Map((catalog.data?.items ?? []).map((m) => [m.name, m]));
  const models: ChatModel[] = (names.data ?? []).map((name) => {
    const m = byName.get(name);
    return {
      name,
      capabilities: m
        ? Object.entries(m.capabilities)
            .filter(([, on]) => on)
            .map(([c]) => c)
        : [],
      inputPricePerMTok: m?.inputPricePerMTok ?? null,
      outputPricePerMTok: m?.outputPricePerMTok ?? null,
      contextWindow: m?.contextWindow ?? null,
    };
  });
  return {
    models,
    routes,
    isPending: names.isPending || wildcards.isPending,
    error: names.error ?? wildcards.error,
  };
}
