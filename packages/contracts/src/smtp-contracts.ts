import { z } from "zod";
import { Empty } from "./common.js";
import { defineContract } from "./define-contract.js";

const tag = "Email";
const operator = { permission: "tenant:update", operator: true } as const;
/** Any mailbox, a local one too (`admin@localhost`, the first-run admin's): a test may go anywhere. */
const Mailbox = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, "Not an email address.");

/** How this installation sends email, without its password. */
export const SmtpSettingsSchema = z.object({
  /** False when no SMTP server is configured: invitations and resets cannot be emailed. */
  configured: z.boolean(),
  /** Where the setting comes from: set here (smtp.put, overriding the environment), the environment
   * (GATEHOUSE_SMTP_URL, GATEHOUSE_SMTP_FROM), or nowhere. */
  source: z.enum(["settings", "env", "none"]),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** TLS from the start (smtps://); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().nullable(),
  username: z.string().nullable(),
  /** Whether a password is set (it is never answered). */
  hasPassword: z.boolean(),
  from: z.string().nullable(),
});

export const getSmtpSettings = defineContract({
  id: "smtp.get",
  method: "GET",
  path: "/api/smtp",
  tag,
  summary: "How the installation sends email (operator only; the password is never answered)",
  access: operator,
  response: SmtpSettingsSchema,
});

export const sendSmtpTest = defineContract({
  id: "smtp.test",
  method: "POST",
  path: "/api/smtp/test",
  tag,
  summary: "Send a test email through the configured SMTP server (operator only)",
  description: "Answers 503 when email is not configured, 502 when the mail server refuses or fails.",
  access: operator,
  body: z.object({ to: Mailbox }),
  response: Empty,
  status: 204,
});

export const putSmtpSettings = defineContract({
  id: "smtp.put",
  method: "PUT",
  path: "/api/smtp",
  tag,
  summary: "Set the installation's SMTP server, overriding GATEHOUSE_SMTP_URL (operator only)",
  description:
    "The password is stored encrypted and never answered; leave it out to keep the stored one (with " +
    "the same user). Invitations, resets and alerts use the new server at once.",
  access: operator,
  body: z.object({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, "A host name or address."),
    port: z.number().int().min(1).max(65535),
    /** TLS from the start (usually port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean(),
    username: z.string().trim().min(1).max(200).nullable(),
    password: z.string().min(1).max(500).optional(),
    from: Mailbox.or(
      z
        .string()
        .trim()
        .max(300)
        .regex(/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/, "Name <address>."),
    ),
  }),
  response: SmtpSettingsSchema,
});

export const deleteSmtpSettings = defineContract({
  id: "smtp.delete",
  method: "DELETE",
  path: "/api/smtp",
  tag,
  summary: "Remove the SMTP server set here: the environment's (if any) applies again (operator only)",
  access: operator,
  response: Empty,
  status: 204,
});

export const SMTP_CONTRACTS = [getSmtpSettings, sendSmtpTest, putSmtpSettings, deleteSmtpSettings] as const;
