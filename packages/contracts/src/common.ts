import { z } from "zod";

/** A store id: a resource prefix and 20 base62 characters (`ten_…`, `ws_…`, `usr_…`, `key_…`). */
export const Id = z.string().regex(/^[a-z]{2,4}_[0-9A-Za-z]{20}$/, "Not a valid id.");

/** Unix time in milliseconds. */
export const Timestamp = z.number().int().nonnegative();

export const Name = z.string().trim().min(1, "Required.").max(100);

export const Email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Not an email address.");

/** A new password: long enough to resist guessing, bounded so hashing stays cheap. */
export const NewPassword = z.string().min(12, "At least 12 characters.").max(256);

/** The error every /api route answers with, whatever went wrong; `code` is stable, `message` is for people. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Validation failures: where (a JSON path like `body.name`) and what. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const Empty = z.null();
