import { z } from "zod";

/** One entry of a model allow-list: a model name, or a pattern where `*` matches any run of characters. */
export const ModelPattern = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "Printable characters without spaces.");

export const ModelPatterns = z.array(ModelPattern).max(100);
