import type { DeploymentPatch, ModelPatch } from "@gatehouse/server";
import type { DeploymentSpec, ModelSpec, ProviderSpec } from "./config-schema.js";

/** One changed field, in the file's names; `secret` fields are shown as changed, never by value. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
  secret?: boolean;
}

/** A deployment's identity: its model, provider and upstream model (deployments have no names). */
export interface DeploymentRef {
  model: string;
  provider: string;
  upstreamModel: string;
}

/**
 * One step of a plan. Providers cannot be changed in place (the store has no update for them), so a
 * changed provider is replaced: removed, which removes its deployments, and created again; the plan
 * re-creates those deployments after it.
 */
export type PlanAction =
  | { op: "create"; resource: "workspace"; name: string }
  | { op: "create"; resource: "provider"; name: string; provider: ProviderSpec }
  | {
      op: "replace";
      resource: "provider";
      name: string;
      id: string;
      provider: ProviderSpec;
      changes: FieldChange[];
    }
  | { op: "delete"; resource: "provider"; name: string; id: string; deployments: number }
  | { op: "create"; resource: "model"; name: string; model: ModelSpec }
  | { op: "update"; resource: "model"; name: string; id: string; patch: ModelPatch; changes: FieldChange[] }
  | { op: "delete"; resource: "model"; name: string; id: string; deployments: number }
  | {
      op: "create";
      resource: "deployment";
      ref: DeploymentRef;
      deployment: DeploymentSpec;
      /** Set when the deployment exists but goes with its provider's replacement. */
      recreated?: true;
    }
  | {
      op: "update";
      resource: "deployment";
      ref: DeploymentRef;
      id: string;
      patch: DeploymentPatch;
      changes: FieldChange[];
    }
  | {
      op: "delete";
      resource: "deployment";
      ref: DeploymentRef;
      id: string;
      /** Set when its provider's replacement already removes it: applying it only confirms. */
      withReplacedProvider?: true;
    };

/** Something the tenant has that the file does not mention, left as it is. */
export interface KeptResource {
  resource: "workspace" | "provider" | "model" | "deployment";
  name: string;
  /** Workspaces are never deleted by apply; the rest only with --prune. */
  reason: "not in file" | "never deleted";
}

/** The ordered changes that make the tenant match a file, and what is kept outside the file. */
export interface Plan {
  actions: PlanAction[];
  kept: KeptResource[];
  /** Whether deletes were planned for what the file does not mention. */
  prune: boolean;
}

/**
 * How a deployment is named in plans and progress lines: `gpt-4o → openai/gpt-4o-2024-08-06`.
 *
 * @example deploymentLabel({ model: "m", provider: "p", upstreamModel: "u" }) // "m → p/u"
 */
export function deploymentLabel(ref: DeploymentRef): string {
  return `${ref.model} → ${ref.provider}/${ref.upstreamModel}`;
}
