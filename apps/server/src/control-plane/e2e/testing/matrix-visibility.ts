import { MATRIX_CREDENTIALS } from "./matrix-fixtures.js";
import { holds, NARROWED_LISTS, type PrincipalModel, type RoleBook } from "./matrix-model.js";

/**
 * The credentials the fixtures gave providers and single sign-on that a text (any answer, success or
 * error, or a log line) shows: only a credential's last four characters may ever be answered.
 */
export function credentialsIn(text: string): string[] {
  return Object.entries(MATRIX_CREDENTIALS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => `the ${name} credential`);
}

/**
 * What a successful answer shows that its caller may not see: an object (or list item) of another
 * tenant, or a list item in a workspace where the caller lacks the list's read permission.
 */
export function leaksIn(
  contractId: string,
  json: unknown,
  tenantId: string,
  principal: PrincipalModel,
  book: RoleBook,
): string[] {
  if (json === null || typeof json !== "object") return [];
  const leaks: string[] = [];
  const answer = json as Record<string, unknown>;
  const items = Array.isArray(answer.items) ? (answer.items as Record<string, unknown>[]) : [answer];
  const visibility = NARROWED_LISTS[contractId];
  for (const item of items) {
    if (typeof item.tenantId === "string" && item.tenantId !== tenantId) {
      leaks.push(`${String(item.id)} of tenant ${item.tenantId}`);
    }
    const ws = visibility === undefined ? undefined : item[visibility.workspaceField];
    if (typeof ws === "string" && !holds(principal, book, visibility!.permission, ws)) {
      leaks.push(`${String(item.id)} in workspace ${ws} without ${visibility!.permission}`);
    }
  }
  return leaks;
}
