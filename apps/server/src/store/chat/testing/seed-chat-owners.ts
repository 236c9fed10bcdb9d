import type { Store } from "../../store.js";
import { seedTenant } from "../../test-stores.js";
import type { ChatOwner } from "../chat-types.js";

/**
 * A tenant with two chat owners in its workspace: its owner, and `peer`, a member whose private things
 * the owner must never see (and the other way round).
 */
export async function seedChatOwners(store: Store) {
  const a = await seedTenant(store, "A");
  const owner: ChatOwner = { workspaceId: a.workspace.id, userId: a.owner.id };
  const other = await store.users.create({
    tenantId: a.tenant.id,
    email: "other@a.test",
    name: "Other",
    role: "member",
    passwordHash: "$argon2id$x",
  });
  const peer: ChatOwner = { workspaceId: a.workspace.id, userId: other.id };
  return { a, owner, peer, t: store.forTenant(a.tenant.id) };
}
