import type * as C from "@gatehouse/contracts";
import type { ParsedBody } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { buildTarget } from "../../providers/build-target.js";
import {
  deleteOllamaModel,
  listOllamaModels,
  type OllamaCall,
  pullOllamaModel,
  showOllamaModel,
} from "../../providers/ollama/ollama-models-client.js";
import type { ProviderCredentials } from "../../providers/upstream-target.js";
import type { ContractStreamReply } from "../contract-router/contract-answer.js";
import { accessIn, audit, type CallContext, type ControlPlaneDeps, found } from "./control-plane-deps.js";
import { modelView } from "./model-view.js";

type ProviderCtx = CallContext & { params: { tenantId: string; providerId: string } };
type ModelCtx = CallContext & { params: { tenantId: string; providerId: string; model: string } };

/**
 * Local models of an Ollama provider (docs/local-models.md): list, show, pull (progress streamed as
 * server-sent events), delete, and register in the catalog in one step. Every upstream call goes through
 * the same guarded dispatcher as the provider's traffic (tenant providers: SSRF-checked).
 */
export function ollamaModelHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  /** `${tenantId} ${model}` of the pulls running on this instance: one per model per tenant. */
  const pulling = new Set<string>();
  const ollamaOf = async (ctx: ProviderCtx) => {
    const provider = found(await store.providers.get(ctx.params.tenantId, ctx.params.providerId));
    if (provider.kind !== "ollama")
      throw new GatewayError("not_found", "The provider is not an Ollama provider.");
    const credentials: ProviderCredentials = provider.credentials
      ? JSON.parse(
          deps.providers.vault.open(
            { tenantId: provider.tenantId, recordId: provider.id },
            provider.credentials,
          ),
        )
      : {};
    const dispatcher =
      provider.origin === "tenant" ? deps.providers.tenantUpstream : deps.providers.platformUpstream;
    const call: OllamaCall = { target: buildTarget(provider, credentials), dispatcher };
    return { provider, call };
  };
  const target = (providerId: string, model: string) => ({ kind: "provider", id: providerId, model });
  return {
    "ollama.listModels": async (ctx: ProviderCtx) => {
      const { call } = await ollamaOf(ctx);
      return { items: await listOllamaModels(call) };
    },
    "ollama.showModel": async (ctx: ModelCtx) => {
      const { call } = await ollamaOf(ctx);
      return showOllamaModel(call, ctx.params.model);
    },
    "ollama.deleteModel": async (ctx: ModelCtx) => {
      const { provider, call } = await ollamaOf(ctx);
      await deleteOllamaModel(call, ctx.params.model);
      const t = target(provider.id, ctx.params.model);
      await audit(deps, ctx, provider.tenantId, "ollama.deleteModel", t, { model: ctx.params.model }, null);
      return null;
    },
    "ollama.pullModel": async (
      ctx: ProviderCtx & { body: ParsedBody<typeof C.pullOllamaModel> },
    ): Promise<ContractStreamReply> => {
      const { provider, call } = await ollamaOf(ctx);
      const model = ctx.body.model;
      const key = `${provider.tenantId} ${model}`;
      if (pulling.has(key)) throw new GatewayError("conflict", `"${model}" is already being pulled.`);
      pulling.add(key);
      await audit(deps, ctx, provider.tenantId, "ollama.pullModel", target(provider.id, model), null, {
        model,
      });
      return {
        contentType: "text/event-stream; charset=utf-8",
        stream: pullEvents(call, model, () => pulling.delete(key)),
      };
    },
    "ollama.registerModel": async (ctx: ProviderCtx & { body: ParsedBody<typeof C.registerOllamaModel> }) => {
      const { provider, call } = await ollamaOf(ctx);
      // Creating a catalog model is models:manage's; the contract checked providers:manage.
      if (!(await accessIn(deps, ctx)).tenant.has("models:manage"))
        throw new GatewayError("permission_denied", "Adding a model to the catalog needs models:manage.");
      const pulled = await listOllamaModels(call);
      const wanted = ctx.body.model.includes(":") ? ctx.body.model : `${ctx.body.model}:latest`;
      if (!pulled.some((m) => m.name === wanted || m.name === ctx.body.model))
        throw new GatewayError(
          "invalid_request",
          `"${ctx.body.model}" is not pulled on this provider: pull it first.`,
        );
      const name = ctx.body.name ?? ctx.body.model;
      const existing = (await store.models.list(provider.tenantId)).some((m) => m.name === name);
      if (existing) throw new GatewayError("conflict", `A model named "${name}" exists.`);
      const created = await store.models.create({
        tenantId: provider.tenantId,
        name,
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        contextWindow: null,
        maxOutputTokens: null,
      });
      await store.models.addDeployment(provider.tenantId, {
        modelId: created.id,
        providerId: provider.id,
        upstreamModel: ctx.body.model,
        weight: 1,
        priority: 0,
      });
      const view = modelView(found(await store.models.getWithDeployments(provider.tenantId, created.id)));
      await audit(
        deps,
        ctx,
        provider.tenantId,
        "models.create",
        { kind: "model", id: created.id },
        null,
        view,
      );
      await deps.invalidate();
      return view;
    },
  };
}

/** Server-sent events of one pull: `progress` per Ollama line, then `success` or `error`; `done` always runs. */
async function* pullEvents(call: OllamaCall, model: string, done: () => void): AsyncGenerator<string> {
  const abort = new AbortController();
  const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  try {
    for await (const progress of pullOllamaModel(call, model, abort.signal)) {
      if (progress.status === "success") continue;
      yield event("progress", progress);
    }
    yield event("success", { message: `Pulled ${model}.` });
  } catch (err) {
    const message = err instanceof GatewayError ? err.message : "The pull failed.";
    yield event("error", { message });
  } finally {
    abort.abort();
    done();
  }
}
