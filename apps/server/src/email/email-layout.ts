import { escapeHtml } from "./escape-html.js";
import type { OutgoingEmail } from "./mailer.js";

/** An email ready to address: what {@link layoutEmail} and renderEmail return. */
export type RenderedEmail = Omit<OutgoingEmail, "to">;

/** The parts of an account email, all plain text; {@link layoutEmail} escapes and arranges them. */
export interface EmailContent {
  subject: string;
  /** The opening line, e.g. "Hi Ana,". */
  greeting: string;
  /** Paragraphs before the call to action. */
  intro: string[];
  /** The one thing the reader should do: a button in HTML, a labelled link in text. */
  action: { label: string; link: string };
  /** Paragraphs after the call to action: expiry, what to do if unexpected. */
  outro: string[];
}

const PRODUCT = "Gatehouse";
const FOOTER = `Sent by ${PRODUCT}. This is an automated message about your account; replies are not read.`;

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const STYLE = {
  body: `margin:0;padding:24px 12px;background:#f4f5f7;font-family:${FONT};color:#1f2933;`,
  card: "max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px;",
  p: "margin:0 0 16px;font-size:15px;line-height:1.5;",
  button:
    "display:inline-block;background:#2f5bea;color:#ffffff;text-decoration:none;padding:12px 22px;" +
    "border-radius:6px;font-weight:600;font-size:15px;",
  small: "margin:0 0 16px;font-size:13px;line-height:1.5;color:#52606d;",
  link: "color:#2f5bea;word-break:break-all;",
  footer:
    "max-width:560px;margin:16px auto 0;font-size:12px;line-height:1.5;color:#7b8794;text-align:center;",
} as const;

/**
 * Lays out an account email as a plain-text part and an HTML part with the same words. Every string of
 * the content is escaped here and nowhere else, so templates cannot forget to; the markup does not
 * depend on the values, so a value can never open or close a tag. Subjects lose line breaks and other
 * control characters, which have no place in a header.
 *
 * @example
 * layoutEmail({ subject: "Hi", greeting: "Hi Ana,", intro: [], action: { label: "Open", link }, outro: [] });
 */
export function layoutEmail(content: EmailContent): RenderedEmail {
  const subject = oneLine(content.subject);
  return { subject, text: layoutText(content), html: layoutHtml(subject, content) };
}

function oneLine(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

function layoutText(c: EmailContent): string {
  const blocks = [c.greeting, ...c.intro, `${c.action.label}:\n${c.action.link}`, ...c.outro];
  return `${blocks.join("\n\n")}\n\n-- \n${PRODUCT}\n${FOOTER}\n`;
}

function layoutHtml(subject: string, c: EmailContent): string {
  const p = (text: string, style: string = STYLE.p) => `<p style="${style}">${escapeHtml(text)}</p>`;
  const link = escapeHtml(c.action.link);
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.card}">`,
    p(c.greeting),
    ...c.intro.map((text) => p(text)),
    `<p style="margin:24px 0;"><a href="${link}" style="${STYLE.button}">${escapeHtml(c.action.label)}</a></p>`,
    `<p style="${STYLE.small}">If the button does not work, copy this link into your browser:<br>` +
      `<a href="${link}" style="${STYLE.link}">${link}</a></p>`,
    ...c.outro.map((text) => p(text)),
    "</div>",
    `<div style="${STYLE.footer}"><strong>${PRODUCT}</strong><br>${escapeHtml(FOOTER)}</div>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
