import { GatewayError } from "@gatehouse/protocol";
import { type EmailContent, layoutEmail, type RenderedEmail } from "./email-layout.js";

/** The variables of each account email, by template name. */
export interface EmailTemplateVars {
  password_reset: { name: string; link: string; expiresInMinutes: number };
  verify_email: { name: string; link: string; expiresInMinutes: number };
  invitation: { inviterName: string; tenantName: string; role: string; link: string; expiresInDays: number };
  /** A budget's settled spend crossed a threshold (docs/budgets.md). */
  budget_threshold: { budget: string; threshold: number; used: string; limit: string; link: string };
}

/** The name of an account email template. */
export type EmailTemplate = keyof EmailTemplateVars;

type ContentOf = { [T in EmailTemplate]: (vars: EmailTemplateVars[T]) => EmailContent };

const TEMPLATES: ContentOf = {
  password_reset: (v) => ({
    subject: "Reset your Gatehouse password",
    greeting: greet(v.name),
    intro: ["We received a request to reset the password of your Gatehouse account."],
    action: { label: "Reset password", link: checkedLink(v.link) },
    outro: [
      `This link expires in ${minutes(v.expiresInMinutes)} and can be used once.`,
      "If you did not ask to reset your password, you can ignore this email: your password will not change.",
    ],
  }),
  verify_email: (v) => ({
    subject: "Verify your email address for Gatehouse",
    greeting: greet(v.name),
    intro: ["Please confirm that this is your email address to finish setting up your Gatehouse account."],
    action: { label: "Verify email address", link: checkedLink(v.link) },
    outro: [
      `This link expires in ${minutes(v.expiresInMinutes)}.`,
      "If you did not create a Gatehouse account, you can ignore this email.",
    ],
  }),
  invitation: (v) => ({
    subject: `${v.inviterName} invited you to join ${v.tenantName} on Gatehouse`,
    greeting: "Hello,",
    intro: [`${v.inviterName} has invited you to join ${v.tenantName} on Gatehouse with the role ${v.role}.`],
    action: { label: "Accept invitation", link: checkedLink(v.link) },
    outro: [
      `This invitation expires in ${count(positive(v.expiresInDays, "expiresInDays"), "day")}.`,
      "If you were not expecting this invitation, you can ignore this email.",
    ],
  }),
  budget_threshold: (v) => ({
    subject: `${v.threshold}% of ${v.budget} is used`,
    greeting: "Hello,",
    intro: [
      `${v.budget} has used ${v.used} of its ${v.limit} (${v.threshold}%).`,
      v.threshold >= 100
        ? "Requests that could pass it are now refused until the period ends or the cap is raised."
        : "Requests are refused once a request could pass the cap.",
    ],
    action: { label: "Review budgets", link: checkedLink(v.link) },
    outro: ["You receive this because you are an owner or admin of this organization on Gatehouse."],
  }),
};

/**
 * Renders an account email as subject, plain text and HTML. Values are inserted as text: the HTML part
 * escapes every one of them and the text part holds them verbatim. A link that is not an absolute
 * http(s) URL, or an expiry that is not a positive whole number, is a bug of the caller and throws
 * `internal_error` rather than mailing a broken or dangerous (`javascript:`) link.
 *
 * @example
 * const email = renderEmail("password_reset", {
 *   name: "Ana",
 *   link: "https://gatehouse.example.com/reset?token=abc",
 *   expiresInMinutes: 30,
 * });
 * await mailer.send({ to: "ana@example.com", ...email });
 */
export function renderEmail<T extends EmailTemplate>(template: T, vars: EmailTemplateVars[T]): RenderedEmail {
  const content = (TEMPLATES[template] as (v: EmailTemplateVars[T]) => EmailContent)(vars);
  return layoutEmail(content);
}

function greet(name: string): string {
  return name.trim() === "" ? "Hello," : `Hi ${name},`;
}

function checkedLink(link: string): string {
  const url = URL.canParse(link) ? new URL(link) : undefined;
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    throw new GatewayError("internal_error", "An email link must be an absolute http(s) URL.");
  }
  return link;
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new GatewayError("internal_error", `Email variable ${name} must be a positive whole number.`);
  }
  return value;
}

/** "30 minutes", or whole hours when it divides evenly: "1 hour", "24 hours". */
function minutes(value: number): string {
  const total = positive(value, "expiresInMinutes");
  return total % 60 === 0 ? count(total / 60, "hour") : count(total, "minute");
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
