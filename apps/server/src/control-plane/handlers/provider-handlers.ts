import type * as C from "@gatehouse/contracts";
import type { ParsedBody, ParsedQuery } from "@gatehouse/contracts";
import { resolveBaseUrl } from "../../providers/resolve-base-url.js";
import type { ProviderCredentials } from "../../providers/upstream-target.js";
import { checkTenantUpstreamUrl } from "../../security/check-tenant-upstream-url.js";
import { registerProvider } from "../../services/register-provider.js";
import { testProviderConnection } from "../../services/test-provider-connection.js";
import { audit, type CallContext, type ControlPlaneDeps, found, pageOf } from "./control-plane-deps.js";
import { providerPatchOf } from "./provider-patch.js";
import { providerView } from "./provider-view.js";

type ProviderCtx = CallContext & { params: { tenantId: string; providerId: string } };

/**
 * Providers of a tenant (bring your own key). Created here they are "tenant" providers: a literal private
 * address is refused at once, and every connection is checked by the guarded dispatcher. Credentials are
 * sealed per record (CredentialVault) and never answered, logged or audited: only their last four.
 */
export function providerHandlers(deps: ControlPlaneDeps) {
  const { store } = deps;
  const { vault, allowList } = deps.providers;
  const get = async (ctx: ProviderCtx) =>
    found(await store.providers.get(ctx.params.tenantId, ctx.params.providerId));
  return {
    "providers.list": async (ctx: CallContext & { query: ParsedQuery<typeof C.listProviders> }) => {
      const page = await store.providers.listPage(ctx.tenantId!, pageOf(ctx.query));
      return { items: page.items.map(providerView), nextCursor: page.nextCursor };
    },
    "providers.get": async (ctx: ProviderCtx) => providerView(await get(ctx)),
    "providers.create": async (ctx: CallContext & { body: ParsedBody<typeof C.createProvider> }) => {
      const b = ctx.body;
      const baseUrl = resolveBaseUrl(b.kind, b.baseUrl, b.config ?? {});
      checkTenantUpstreamUrl(baseUrl, allowList);
      const { provider } = await registerProvider(store, vault, {
        tenantId: ctx.tenantId!,
        name: b.name,
        kind: b.kind,
        baseUrl,
        ...(b.apiKey === undefined ? {} : { apiKey: b.apiKey }),
        ...(b.credentials === undefined ? {} : { credentials: b.credentials }),
        ...(b.config === undefined ? {} : { config: b.config }),
        ...(b.models === undefined ? {} : { models: b.models }),
        ...(b.wildcard === undefined ? {} : { wildcard: b.wildcard }),
        origin: "tenant",
      });
      const view = providerView(provider);
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "providers.create",
        { kind: "provider", id: provider.id },
        null,
        view,
      );
      // Routable on this instance before the answer, on others through the change bus or the poll.
      await deps.invalidate();
      return view;
    },
    "providers.update": async (ctx: ProviderCtx & { body: ParsedBody<typeof C.updateProvider> }) => {
      const before = await get(ctx);
      const patch = providerPatchOf(deps.providers, before, ctx.body);
      const after = found(await store.providers.update(before.tenantId, before.id, patch));
      await audit(
        deps,
        ctx,
        before.tenantId,
        "providers.update",
        { kind: "provider", id: before.id },
        providerView(before),
        providerView(after),
      );
      await deps.invalidate();
      return providerView(after);
    },
    "providers.delete": async (ctx: ProviderCtx) => {
      const before = await get(ctx);
      await store.providers.remove(before.tenantId, before.id);
      await audit(
        deps,
        ctx,
        before.tenantId,
        "providers.delete",
        { kind: "provider", id: before.id },
        providerView(before),
        null,
      );
      await deps.invalidate();
      return null;
    },
    "providers.testConnection": async (ctx: ProviderCtx) => {
      const provider = await get(ctx);
      const credentials: ProviderCredentials = provider.credentials
        ? JSON.parse(vault.open({ tenantId: provider.tenantId, recordId: provider.id }, provider.credentials))
        : {};
      const dispatcher =
        provider.origin === "tenant" ? deps.providers.tenantUpstream : deps.providers.platformUpstream;
      return testProviderConnection(provider, credentials, { dispatcher, now: deps.now });
    },
  };
}
