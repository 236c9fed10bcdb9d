import type { TenantPricing } from "../../../domain/price-sheet.js";
import { buildTarget } from "../../../providers/build-target.js";
import type { UpstreamTarget } from "../../../providers/upstream-target.js";
import { ModelCatalog } from "../../../routing/model-catalog.js";
import { modelSettingDefaults } from "../../../store/model-settings.js";
import type { ModelPatch, ModelWithDeployments, ProviderKind } from "../../../store/store-types.js";

/** A deployment of a model in a unit catalog: its provider's name, priority 0 and weight 1 by default. */
export interface UnitDeployment {
  provider: string;
  priority?: number;
  weight?: number;
  upstreamModel?: string;
}

/**
 * Builds a real ModelCatalog in memory, without a store: providers become targets through buildTarget (as
 * the routing snapshot does), models get the stored defaults. Ids are readable: `prv_<name>`,
 * `mdl_<name>`, `dep_<model>_<provider>`.
 *
 * @example
 * const catalog = new UnitCatalog("ten_1").provider("a", "openai", fake.url).model("m", [{ provider: "a" }]).build();
 */
export class UnitCatalog {
  private readonly targets = new Map<string, UpstreamTarget>();
  private readonly models: ModelWithDeployments[] = [];
  private tenantPricing: TenantPricing | undefined;

  constructor(private readonly tenantId: string) {}

  /** Adds a provider of the tenant (another tenant's: `tenantId`). */
  provider(name: string, kind: ProviderKind, baseUrl: string, config: Record<string, unknown> = {}): this {
    const id = `prv_${name}`;
    const provider = {
      id,
      tenantId: this.tenantId,
      name,
      kind,
      baseUrl,
      credentials: null,
      credentialsLastFour: null,
      origin: "platform" as const,
      config,
      disabled: false,
      createdAt: 0,
    };
    this.targets.set(id, buildTarget(provider, { apiKey: "sk-unit" }));
    return this;
  }

  /** Adds a model routed to the given deployments, with settings (prices, fallbacks, timeouts...). */
  model(
    name: string,
    deployments: UnitDeployment[],
    settings: ModelPatch = {},
    tenantId = this.tenantId,
  ): this {
    const id = `mdl_${name}`;
    this.models.push({
      ...modelSettingDefaults(),
      id,
      tenantId,
      name,
      inputPricePerMTok: 0,
      outputPricePerMTok: 0,
      contextWindow: null,
      maxOutputTokens: null,
      createdAt: 0,
      ...settings,
      deployments: deployments.map((d) => ({
        id: `dep_${name}_${d.provider}`,
        modelId: id,
        providerId: `prv_${d.provider}`,
        upstreamModel: d.upstreamModel ?? `up-${name}`,
        weight: d.weight ?? 1,
        priority: d.priority ?? 0,
        rpm: null,
        tpm: null,
        region: null,
        createdAt: 0,
      })),
    });
    return this;
  }

  /** Sets the tenant's pricing (price book, markup, unpriced policy). */
  pricing(pricing: TenantPricing): this {
    this.tenantPricing = pricing;
    return this;
  }

  build(): ModelCatalog {
    const catalog = new ModelCatalog(this.models, this.targets);
    if (!this.tenantPricing) return catalog;
    const own = this.models.filter((m) => m.tenantId === this.tenantId);
    return catalog.withTenant(this.tenantId, own, this.targets, this.tenantPricing);
  }
}
