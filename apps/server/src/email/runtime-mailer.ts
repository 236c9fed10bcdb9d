import { GatewayError } from "@gatehouse/protocol";
import type { Mailer, MailerSummary, OutgoingEmail } from "./mailer.js";
import { createSmtpMailer, type SmtpMailerOptions } from "./smtp-mailer.js";

/** Options of {@link createRuntimeMailer}. */
export interface RuntimeMailerOptions {
  /** The environment's mailer (GATEHOUSE_SMTP_URL), used while no settings are stored. */
  fallback: Mailer | undefined;
  /** The operator's stored settings (password opened), or undefined when none are stored. */
  load: () => Promise<SmtpMailerOptions | undefined>;
  now: () => number;
  /** How long a loaded setting is trusted before reading it again (other instances' changes). 30 s. */
  reloadMs?: number;
  /** Builds a mailer from settings; createSmtpMailer by default (a fake in tests). */
  build?: (options: SmtpMailerOptions) => Mailer;
}

/** A mailer that follows the operator's SMTP settings at runtime, and says where they come from. */
export interface RuntimeMailer extends Mailer {
  /** Reads the stored settings now (after a change on this instance). */
  reload(): Promise<void>;
  /** Where mail goes now: the console's settings, the environment, or nowhere. */
  source(): "settings" | "env" | "none";
  available(): boolean;
}

/**
 * The mailer invitations, resets and budget alerts use: the SMTP server an operator stored in the
 * console when there is one, else the environment's. A change on this instance applies at once
 * (`reload`); other instances read the settings again within `reloadMs`, on their next use.
 *
 * @example
 * const mailer = createRuntimeMailer({ fallback: envMailer, load: () => storedSmtp(store, box), now: Date.now });
 * await mailer.reload();
 */
export function createRuntimeMailer(options: RuntimeMailerOptions): RuntimeMailer {
  const reloadMs = options.reloadMs ?? 30_000;
  const build = options.build ?? createSmtpMailer;
  let stored: Mailer | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;

  function reload(): Promise<void> {
    loading ??= (async () => {
      try {
        const settings = await options.load();
        const previous = stored;
        stored = settings === undefined ? undefined : build(settings);
        loadedAt = options.now();
        await previous?.close();
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }
  const stale = () => options.now() - loadedAt >= reloadMs;
  const active = () => stored ?? options.fallback;

  return {
    reload,
    source: () => (stored !== undefined ? "settings" : options.fallback !== undefined ? "env" : "none"),
    available() {
      // Answers from what is loaded; a stale setting is read again in the background for the next call.
      if (stale()) void reload().catch(() => {});
      return active() !== undefined;
    },
    describe(): MailerSummary | undefined {
      return active()?.describe?.();
    },
    async send(message: OutgoingEmail): Promise<void> {
      if (stale()) await reload();
      const mailer = active();
      if (mailer === undefined) {
        throw new GatewayError("service_unavailable", "Email is not configured on this Gatehouse.");
      }
      await mailer.send(message);
    },
    async close(): Promise<void> {
      await stored?.close();
      await options.fallback?.close();
    },
  };
}
