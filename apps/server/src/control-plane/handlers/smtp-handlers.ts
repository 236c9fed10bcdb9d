import type * as C from "@gatehouse/contracts";
import type { Body } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import { layoutEmail } from "../../email/email-layout.js";
import { mailerReady } from "../../email/mailer.js";
import { audit, type CallContext, type ControlPlaneDeps } from "./control-plane-deps.js";

/**
 * The installation's email settings (operator only): the SMTP server in use (the one set here, else the
 * environment's), never its password; setting or removing the one set here; and a test email, so an
 * operator learns that mail works before an invitation fails.
 */
export function smtpHandlers(deps: ControlPlaneDeps) {
  const view = () => {
    const source = deps.mailerSettings?.source() ?? (deps.mailer === undefined ? "none" : "env");
    const summary = mailerReady(deps.mailer) ? deps.mailer.describe?.() : undefined;
    return {
      configured: source !== "none",
      source,
      host: summary?.host ?? null,
      port: summary?.port ?? null,
      secure: summary?.secure ?? null,
      username: summary?.username ?? null,
      hasPassword: summary?.hasPassword ?? false,
      from: summary?.from ?? null,
    };
  };
  const settingsStore = () => {
    if (deps.mailerSettings === undefined) {
      throw new GatewayError(
        "service_unavailable",
        "This Gatehouse takes its SMTP server from the environment only.",
      );
    }
    return deps.mailerSettings;
  };
  return {
    "smtp.get": async () => view(),
    "smtp.put": async (ctx: { body: Body<typeof C.putSmtpSettings> } & CallContext) => {
      const { body } = ctx;
      const runtime = settingsStore();
      const shown = view();
      const before = await deps.store.smtpSettings.get();
      // Leaving the password out keeps the stored one, but only for the same user: a new user without a
      // password gets none, so a stored secret never follows a changed account.
      const keep = body.password === undefined && before !== undefined && before.username === body.username;
      const passwordSealed =
        body.password !== undefined
          ? deps.secretBox.seal(body.password)
          : keep
            ? before.passwordSealed
            : null;
      await deps.store.smtpSettings.put({
        host: body.host,
        port: body.port,
        secure: body.secure,
        username: body.username,
        passwordSealed: body.username === null ? null : passwordSealed,
        from: body.from,
      });
      await runtime.reload();
      const after = view();
      // In the operator tenant's audit log (the answer's shape: never the password).
      await audit(deps, ctx, ctx.tenantId!, "smtp.put", { kind: "smtp", id: null }, shown, after);
      return after;
    },
    "smtp.delete": async (ctx: CallContext) => {
      const runtime = settingsStore();
      const before = view();
      await deps.store.smtpSettings.delete();
      await runtime.reload();
      await audit(deps, ctx, ctx.tenantId!, "smtp.delete", { kind: "smtp", id: null }, before, view());
      return null;
    },
    "smtp.test": async (ctx: { body: Body<typeof C.sendSmtpTest> } & CallContext) => {
      const mailer = deps.mailer;
      if (!mailerReady(mailer)) {
        throw new GatewayError(
          "service_unavailable",
          "Email is not configured on this Gatehouse (GATEHOUSE_SMTP_URL or Settings → Email).",
        );
      }
      await mailer.send({
        to: ctx.body.to.trim(),
        ...layoutEmail({
          subject: "Gatehouse test email",
          greeting: "Hello,",
          intro: ["This is a test email from Gatehouse: its SMTP settings work."],
          action: { label: "Open Gatehouse", link: deps.identity.publicUrl },
          outro: ["You received it because an operator asked for a test in Settings → Email."],
        }),
      });
      return null;
    },
  };
}
