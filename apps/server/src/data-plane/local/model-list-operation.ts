import type { Model } from "../../domain/model.js";
import type { Operation, Surface } from "../operation.js";
import { answerLocally } from "./answer-locally.js";

/**
 * A model list (GET /v1/models in OpenAI's or Anthropic's shape, GET /v1beta/models in Gemini's): the
 * models of the caller's tenant that have a reachable deployment and that the key's and workspace's
 * allow-lists admit (by name or alias), from the request's catalog snapshot.
 * @see https://platform.openai.com/docs/api-reference/models/list
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://ai.google.dev/api/models#method:-models.list
 */
export function modelListOperation(
  surface: Surface,
  encode: (models: Model[]) => unknown,
): Operation<undefined> {
  return {
    name: "models",
    surface,
    readsBody: false,
    decode: () => ({ model: undefined, stream: false, gatehouseField: undefined, request: undefined }),
    serve: async ({ scope, res }) => {
      const { principal } = scope;
      const models = scope.catalog
        .list(principal.tenantId)
        .filter((m) => principal.allowsModel(m.name) || m.aliases.some((a) => principal.allowsModel(a)));
      return answerLocally(res, scope.id, encode(models));
    },
  };
}
