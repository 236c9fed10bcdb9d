import { formatUsd } from "../format-usd.js";
import { deploymentLabel, type FieldChange, type Plan, type PlanAction } from "./plan.js";

const SYMBOL = { create: "+", update: "~", replace: "-/+", delete: "-" } as const;

/**
 * A plan as people read Terraform's: one line per step (`+` create, `~` update with its changed
 * fields, `-/+` replace, `-` delete), a count, then what is kept outside the file. Secrets show as
 * "(changed)", never by value.
 *
 * @example
 * io.out(formatPlan(plan));
 */
export function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  if (plan.actions.length === 0) lines.push("No changes: the tenant matches the file.");
  else {
    lines.push("Gatehouse will perform these actions:", "");
    for (const action of plan.actions) lines.push(...actionLines(action));
    lines.push("", `Plan: ${summary(plan.actions)}.`);
  }
  const notInFile = plan.kept.filter((k) => k.reason === "not in file");
  if (notInFile.length > 0) {
    lines.push(
      "",
      "Kept, not in the file (apply --prune deletes them):",
      ...notInFile.map((k) => `  ${k.resource} ${k.name}`),
    );
  }
  const never = plan.kept.filter((k) => k.reason === "never deleted");
  if (never.length > 0 && plan.prune)
    lines.push("", `Workspaces are never deleted by apply: ${never.map((k) => k.name).join(", ")}.`);
  return lines.join("\n");
}

/** The one line a step is named by, in plans and in apply's progress. */
export function actionTitle(action: PlanAction): string {
  const symbol = SYMBOL[action.op];
  switch (action.resource) {
    case "workspace":
      return `${symbol} workspace ${action.name}`;
    case "provider":
      if (action.op === "create")
        return `${symbol} provider ${action.name} (${action.provider.kind}${action.provider.baseUrl ? `, ${action.provider.baseUrl}` : ""})`;
      if (action.op === "replace")
        return `${symbol} provider ${action.name} (replaced: a provider cannot be changed in place; its deployments are created again)`;
      return `${symbol} provider ${action.name}${withDeployments(action.deployments)}`;
    case "model":
      if (action.op === "create")
        return `${symbol} model ${action.name} (${usd(action.model.prices.input)} in, ${usd(action.model.prices.output)} out per M tokens)`;
      if (action.op === "delete")
        return `${symbol} model ${action.name}${withDeployments(action.deployments)}`;
      return `${symbol} model ${action.name}`;
    case "deployment": {
      const label = `${symbol} deployment ${deploymentLabel(action.ref)}`;
      if (action.op === "create") {
        const d = action.deployment;
        return `${label} (weight ${d.weight}, priority ${d.priority}${action.recreated ? ", created again" : ""})`;
      }
      if (action.op === "delete" && action.withReplacedProvider) return `${label} (goes with its provider)`;
      return label;
    }
  }
}

function actionLines(action: PlanAction): string[] {
  const changes = "changes" in action ? action.changes : [];
  return [`  ${actionTitle(action)}`, ...changes.map((c) => `      ~ ${c.field}: ${changeText(c)}`)];
}

function changeText(change: FieldChange): string {
  if (change.secret) return `(changed; fields ${list(change.from)} → ${list(change.to)})`;
  return `${value(change.field, change.from)} → ${value(change.field, change.to)}`;
}

function value(field: string, v: unknown): string {
  if (field.startsWith("prices.") && typeof v === "number") return usd(v);
  if (v === undefined || v === null) return "(none)";
  return JSON.stringify(v);
}

function list(v: unknown): string {
  return Array.isArray(v) && v.length > 0 ? v.join(",") : "(none)";
}

function usd(nano: number): string {
  return `$${formatUsd(nano)}`;
}

function withDeployments(count: number): string {
  return count === 0 ? "" : ` (and its ${count} deployment${count === 1 ? "" : "s"})`;
}

function summary(actions: PlanAction[]): string {
  const count = (op: PlanAction["op"]) => actions.filter((a) => a.op === op).length;
  const parts = [`${count("create")} to create`, `${count("update")} to update`];
  if (count("replace") > 0) parts.push(`${count("replace")} to replace`);
  parts.push(`${count("delete")} to delete`);
  return parts.join(", ");
}
