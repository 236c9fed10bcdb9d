import type { SecretBox } from "../crypto/secret-box.js";
import type { SmtpMailerOptions } from "../email/smtp-mailer.js";
import type { Store } from "../store/store.js";

/**
 * The operator's stored SMTP settings as mailer options (the password opened), or undefined when none
 * are stored: what the runtime mailer loads.
 *
 * @example
 * const mailer = createRuntimeMailer({ fallback, now, load: () => storedSmtpOptions(store, secretBox) });
 */
export async function storedSmtpOptions(
  store: Store,
  box: SecretBox,
): Promise<SmtpMailerOptions | undefined> {
  const s = await store.smtpSettings.get();
  if (s === undefined) return undefined;
  const password = s.passwordSealed === null ? "" : box.open(s.passwordSealed);
  const auth =
    s.username === null ? "" : `${encodeURIComponent(s.username)}:${encodeURIComponent(password)}@`;
  const host = s.host.includes(":") ? `[${s.host}]` : s.host;
  return { url: `${s.secure ? "smtps" : "smtp"}://${auth}${host}:${s.port}`, from: s.from };
}
