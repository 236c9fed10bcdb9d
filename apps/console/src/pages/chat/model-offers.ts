import { modelPatternMatcher, wildcardModelRoutes } from "@gatehouse/contracts";

/** The wildcard models the member may call by a name of their choosing, with the workspace's allow-list. */
export interface WildcardRoutes {
  /** Wildcard models (`openai/*`), from playground.wildcards. */
  wildcards: string[];
  /** The workspace's allow-list (names and `*` patterns); null allows every model. */
  allowedModels: string[] | null;
}

/** One option of the model picker. */
export interface ModelOffer {
  value: string;
  label: string;
  /**
   * `model`: listed by GET /v1/models; `wildcard`: a wildcard model, choosing it asks for a name; `use`: the
   * name typed, which a wildcard routes; `named`: the conversation's model, routed by a wildcard; `gone`:
   * the conversation's model, no longer allowed.
   */
  kind: "model" | "wildcard" | "use" | "named" | "gone";
}

/** The longest model name a conversation stores (the `conversations.create` contract's bound). */
const MAX_NAME = 200;
/** Printable ASCII without spaces or stars: what a concrete name typed in the picker may be. */
const NAME = /^[\x21-\x29\x2b-\x7e]+$/;

/**
 * Whether a typed name may be offered: a wildcard model routes it (the catalog's rule: it starts with the
 * part before the star and is longer) and the workspace's allow-list admits it (the gateway's matcher).
 * The gateway still decides at request time; this only keeps the picker from offering what it refuses.
 *
 * @example
 * routedByWildcard("openai/gpt-4o-mini", { wildcards: ["openai/*"], allowedModels: null }); // true
 */
export function routedByWildcard(name: string, routes: WildcardRoutes): boolean {
  if (name.length === 0 || name.length > MAX_NAME || !NAME.test(name)) return false;
  return (
    routes.wildcards.some((w) => wildcardModelRoutes(w, name)) &&
    modelPatternMatcher(routes.allowedModels)(name)
  );
}

/**
 * The picker's options for what is typed: "Use <name>" first when the typed name is routed by a wildcard
 * and not already an option, then the listed models, then the wildcards (to choose one is to type a name
 * after its prefix), then the conversation's model when it is none of those.
 *
 * @example
 * modelOffers({ models: ["gpt-4o"], routes, value: "", search: "openai/o3" });
 * // [{ value: "openai/o3", label: "Use openai/o3", kind: "use" }, { value: "gpt-4o", ... }, { value: "openai/*", ... }]
 */
export function modelOffers(o: {
  models: readonly string[];
  routes: WildcardRoutes;
  value: string;
  search: string;
}): ModelOffer[] {
  const offers: ModelOffer[] = o.models.map((m) => ({ value: m, label: m, kind: "model" }));
  for (const w of o.routes.wildcards)
    if (!o.models.includes(w)) offers.push({ value: w, label: w, kind: "wildcard" });
  if (o.value !== "" && !offers.some((x) => x.value === o.value)) {
    const kind = routedByWildcard(o.value, o.routes) ? "named" : "gone";
    offers.push({ value: o.value, label: o.value, kind });
  }
  const typed = o.search.trim();
  if (!offers.some((x) => x.value === typed) && routedByWildcard(typed, o.routes))
    offers.unshift({ value: typed, label: `Use ${typed}`, kind: "use" });
  return offers;
}

/** What the search box should hold once a wildcard is chosen: its part before the star, to type after. */
export function wildcardPrefix(wildcard: string): string {
  return wildcard.endsWith("*") ? wildcard.slice(0, -1) : wildcard;
}
