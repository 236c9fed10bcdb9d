import type { PriceSheet } from "../../domain/price-sheet.js";
import type { ProviderKind } from "../../domain/provider.js";

/** One version of one model's shipped price. */
export interface CatalogEntry {
  /** Stable id recorded on usage records ("anthropic/claude-sonnet-4@2025-05-22"). */
  version: string;
  /** Whose price list it comes from ("openai", "anthropic", "google", "ollama"). */
  provider: string;
  /** The provider kinds that serve these names at this price (Bedrock and Vertex resell Claude). */
  kinds: ProviderKind[];
  /** Upstream model names (API ids, aliases, Bedrock and Vertex ids); `*` = any model of those kinds. */
  models: string[];
  /** Epoch ms from which this version is in effect. */
  effectiveFrom: number;
  prices: PriceSheet;
}

/**
 * The shipped price catalog in memory: upstream model name → its versions, newest first. Lookups are a
 * Map read and a short scan. Built once at start-up from price-catalog.json (loadPriceCatalog).
 */
export class PriceCatalog {
  private readonly byName = new Map<string, CatalogEntry[]>();
  private readonly anyModel = new Map<ProviderKind, CatalogEntry[]>();
  readonly entries: readonly CatalogEntry[];

  /**
   * @param entries every version of every price
   * @param sources each provider's pricing page (by `provider`), shown with its entries
   */
  constructor(
    entries: CatalogEntry[],
    readonly sources: Readonly<Record<string, string>> = {},
  ) {
    this.entries = [...entries].sort(
      (a, b) => a.provider.localeCompare(b.provider) || a.version.localeCompare(b.version),
    );
    for (const e of entries) {
      for (const name of e.models) {
        if (name === "*") for (const k of e.kinds) push(this.anyModel, k, e);
        else push(this.byName, normalizeModelName(name), e);
      }
    }
    for (const list of [...this.byName.values(), ...this.anyModel.values()])
      list.sort((a, b) => b.effectiveFrom - a.effectiveFrom);
  }

  /**
   * The version in effect at `at` of the price of `upstreamModel` served by a provider of `kind`, or
   * undefined when the catalog has none (the model is unpriced unless the tenant prices it).
   *
   * @example
   * catalog.find("bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0", Date.now())?.version;
   * // "anthropic/claude-sonnet-4@2025-05-22"
   */
  find(kind: ProviderKind, upstreamModel: string, at: number): CatalogEntry | undefined {
    const named = this.byName.get(normalizeModelName(upstreamModel));
    const hit = named?.find((e) => e.effectiveFrom <= at && e.kinds.includes(kind));
    return hit ?? this.anyModel.get(kind)?.find((e) => e.effectiveFrom <= at);
  }
}

function push<K>(map: Map<K, CatalogEntry[]>, key: K, e: CatalogEntry): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

/**
 * The catalog's spelling of an upstream model name: lower case, without Gemini's `models/` prefix or a
 * Bedrock cross-region inference profile's geography (`us.`, `eu.`, `apac.`, `global.`...).
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */
export function normalizeModelName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^models\//, "")
    .replace(/^(?:us|eu|apac|global|us-gov|jp|au|ca)\.(?=[a-z]+\.)/, "");
}
