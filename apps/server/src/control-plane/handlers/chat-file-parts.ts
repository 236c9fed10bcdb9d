import type { ChatFilePartSchema } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { z } from "zod";
import type { ChatOwner } from "../../store/chat/chat-types.js";
import type { ControlPlaneDeps } from "./control-plane-deps.js";

type FilePart = z.output<typeof ChatFilePartSchema>;

/**
 * A message's attachment parts as stored: every file must be the caller's own in the workspace (404
 * otherwise, as for any object of another user), and its name, type, kind and size are taken from the
 * store, not from the request. Only a user's message carries attachments.
 *
 * @example
 * const parts = await resolveFileParts(deps, tenantId, owner, "user", body.parts ?? []);
 */
export async function resolveFileParts(
  deps: ControlPlaneDeps,
  tenantId: string,
  owner: ChatOwner,
  role: "user" | "assistant" | "tool",
  parts: readonly FilePart[],
): Promise<FilePart[]> {
  if (parts.length === 0) return [];
  if (role !== "user")
    throw new GatewayError("invalid_request", "parts: only a user's message carries files.");
  if (new Set(parts.map((p) => p.fileId)).size !== parts.length) {
    throw new GatewayError("invalid_request", "parts: a file is attached twice.");
  }
  const files = deps.store.forTenant(tenantId).chatFiles;
  const resolved: FilePart[] = [];
  for (const part of parts) {
    const file = await files.get(owner, part.fileId);
    if (file === undefined) throw new GatewayError("not_found", `parts: file ${part.fileId} does not exist.`);
    resolved.push({
      type: "file",
      fileId: file.id,
      name: file.name,
      mediaType: file.mediaType,
      kind: file.kind,
      size: file.size,
    });
  }
  return resolved;
}
