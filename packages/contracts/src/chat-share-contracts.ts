import { z } from "zod";
import { Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Chat share links";

export const ShareSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** The conversation's title when the link was made. */
  title: z.string(),
  /** How many messages the snapshot holds. */
  messageCount: z.number().int(),
  createdAt: Timestamp,
  /** Null while the link works. */
  revokedAt: Timestamp.nullable(),
});

const base = "/api/tenants/:tenantId/workspaces/:workspaceId/conversations/:conversationId/shares";
const ConvParams = z.object({ tenantId: Id, workspaceId: Id, conversationId: Id });
const OWN =
  "The conversation must be the signed-in caller's own (models:use in the workspace); anyone else gets 404.";

export const shareConversation = defineContract({
  id: "conversations.share",
  method: "POST",
  path: base,
  tag,
  summary: "Make a read-only link to the conversation's active branch as it is now",
  description:
    `${OWN} The link shows a snapshot taken now: later messages are not shown. The token is in the ` +
    "answer's `url` and `token` only this once; it is stored hashed. Deleting the conversation revokes it.",
  access: { permission: "models:use" },
  params: ConvParams,
  response: ShareSchema.extend({
    /** The secret part of the link, shown once. */
    token: z.string(),
    /** The console page that shows the snapshot: `<public URL>/share/<token>`. */
    url: z.string(),
  }),
  status: 201,
});

export const listShares = defineContract({
  id: "conversations.listShares",
  method: "GET",
  path: base,
  tag,
  summary: "The conversation's share links (never their tokens), newest first",
  description: OWN,
  access: { permission: "models:use" },
  params: ConvParams,
  query: z.object(PageQuery),
  response: pageOf(ShareSchema),
});

export const revokeShare = defineContract({
  id: "conversations.revokeShare",
  method: "DELETE",
  path: `${base}/:shareId`,
  tag,
  summary: "Revoke a share link: its URL answers 404 from now on",
  description: OWN,
  access: { permission: "models:use" },
  params: ConvParams.extend({ shareId: Id }),
  response: ShareSchema,
});

/** A share token (32 base64url characters, 192 bits); any other text is simply not found (404). */
const ShareToken = z.string().min(1).max(100);

export const getSharedConversation = defineContract({
  id: "shared.get",
  method: "GET",
  path: "/api/shared/:token",
  tag,
  summary: "The snapshot a share link shows: the title and the messages (role, text, model, time)",
  description:
    "Public: no credentials. Nothing about who made it, the workspace, the tenant, keys or cost is in the " +
    "answer. An unknown or revoked token answers 404 (so does a malformed one). Each address may open " +
    "300 links a minute per server instance (429 with retry-after past it).",
  access: "public",
  params: z.object({ token: ShareToken }),
  response: z.object({
    title: z.string(),
    sharedAt: Timestamp,
    messages: z.array(
      z.object({
        /** `tool`: the result of a tool call (the text). */
        role: z.enum(["system", "user", "assistant", "tool"]),
        text: z.string(),
        model: z.string().nullable(),
        createdAt: Timestamp,
        /** The names of the files attached to the message (never their content). */
        files: z.array(z.string()).optional(),
        /** The tool calls an answer made: the function's name and its arguments (JSON text). */
        toolCalls: z.array(z.object({ name: z.string(), arguments: z.string() })).optional(),
      }),
    ),
  }),
});

export const SHARE_CONTRACTS = [shareConversation, listShares, revokeShare, getSharedConversation] as const;
