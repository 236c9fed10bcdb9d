import { createServer, type Server, type Socket } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import { type SmtpSink, startSmtpSink } from "@gatehouse/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../config/config.js";
import { type EmailTemplate, type EmailTemplateVars, renderEmail } from "./email-templates.js";
import { escapeHtml } from "./escape-html.js";
import type { Mailer } from "./mailer.js";
import { createSmtpMailer } from "./smtp-mailer.js";

const FROM = "Gatehouse <no-reply@gatehouse.test>";
const PASSWORD = "Pa55:w/rd@canary-8f3e";
const LINK = "https://gatehouse.example.com/t?token=tok_123&next=%2Fconsole";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sink(options?: Parameters<typeof startSmtpSink>[0]): Promise<SmtpSink> {
  const started = await startSmtpSink(options);
  cleanups.push(() => started.close());
  return started;
}

function mailer(url: string, timeoutMs?: number): Mailer {
  const created = createSmtpMailer({ url, from: FROM, ...(timeoutMs ? { timeoutMs } : {}) });
  cleanups.push(() => created.close());
  return created;
}

function withAuth(url: string, user: string, pass: string): string {
  return url.replace("smtp://", `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@`);
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GatewayError);
  return err as GatewayError;
}

function expectNoPassword(err: Error): void {
  const said = [err.message, err.stack ?? "", JSON.stringify(err), String(err.cause ?? "")].join("\n");
  for (const form of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(PASSWORD).toString("base64")]) {
    expect(said).not.toContain(form);
  }
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SAMPLES: { [T in EmailTemplate]: EmailTemplateVars[T] } = {
  password_reset: { name: "Ana", link: `${LINK}&kind=reset`, expiresInMinutes: 30 },
  verify_email: { name: "Ana", link: `${LINK}&kind=verify`, expiresInMinutes: 60 },
  invitation: {
    inviterName: "Bo",
    tenantName: "Acme",
    role: "member",
    link: `${LINK}&kind=invite`,
    expiresInDays: 7,
  },
  budget_threshold: {
    budget: "Acme's monthly budget",
    threshold: 100,
    used: "$10.00",
    limit: "$10.00",
    link: `${LINK}&kind=budget`,
  },
};

describe("createSmtpMailer", () => {
  it("delivers each template through a real SMTP server, decoded intact", async () => {
    const smtp = await sink();
    const send = mailer(smtp.url);
    for (const template of Object.keys(SAMPLES) as EmailTemplate[]) {
      const vars = SAMPLES[template];
      const email = renderEmail(template, vars);
      const to = `${template}@example.com`;
      await send.send({ to, ...email });
      const got = await smtp.waitForMessage((m) => m.to.includes(to));
      expect(got.to).toEqual([to]);
      expect(got.from).toBe("no-reply@gatehouse.test");
      expect(got.fromHeader).toBe(`"Gatehouse" <no-reply@gatehouse.test>`);
      expect(got.subject).toBe(email.subject);
      expect(got.text.trim()).toBe(email.text.trim());
      expect(got.text).toContain(vars.link);
      expect(got.html).toContain(`href="${escapeHtml(vars.link)}"`);
    }
    expect(smtp.messages).toHaveLength(Object.keys(SAMPLES).length);
  });

  it("authenticates with the URL's credentials, special characters included", async () => {
    const smtp = await sink({ requireAuth: { user: "app@gatehouse.test", pass: PASSWORD } });
    await mailer(withAuth(smtp.url, "app@gatehouse.test", PASSWORD)).send({
      to: "ana@example.com",
      ...renderEmail("verify_email", SAMPLES.verify_email),
    });
    expect((await smtp.waitForMessage()).user).toBe("app@gatehouse.test");
  });

  it("turns refused credentials into upstream_unreachable without the password anywhere", async () => {
    const smtp = await sink({ failAuth: true });
    const err = await failure(
      mailer(withAuth(smtp.url, "app", PASSWORD)).send({
        to: "a@b.test",
        subject: "s",
        text: "t",
        html: "h",
      }),
    );
    expect(err.code).toBe("upstream_unreachable");
    expect(err.details).toEqual({ provider: "smtp", upstreamType: "EAUTH" });
    expect(err.message).toBe(
      `SMTP server 127.0.0.1:${smtp.port} rejected the credentials (EAUTH): 535 5.7.8 Authentication credentials invalid`,
    );
    expectNoPassword(err);
    expect(smtp.messages).toHaveLength(0);
  });

  it("turns a refused sender into upstream_error quoting the server", async () => {
    const smtp = await sink({ requireAuth: { user: "app", pass: PASSWORD } });
    const err = await failure(mailer(smtp.url).send({ to: "a@b.test", subject: "s", text: "t", html: "h" }));
    expect(err.code).toBe("upstream_error");
    expect(err.message).toMatch(/refused the sender or recipient \(EENVELOPE\): 530 /);
  });

  it("fails fast and cleanly when nothing listens on the port", async () => {
    const port = await closedPort();
    const started = Date.now();
    const err = await failure(
      mailer(`smtp://app:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`).send({
        to: "a@b.test",
        subject: "s",
        text: "t",
        html: "h",
      }),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.code).toBe("upstream_unreachable");
    expect(err.message).toMatch(
      new RegExp(`^SMTP server 127\\.0\\.0\\.1:${port} could not be reached \\(E[A-Z]+\\)$`),
    );
    expectNoPassword(err);
  });

  it("gives up on a server that never greets after the timeout", async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    const err = await failure(
      mailer(`smtp://127.0.0.1:${port}`, 300).send({ to: "a@b.test", subject: "s", text: "t", html: "h" }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err.code).toBe("upstream_timeout");
    expect(err.details.upstreamType).toBe("ETIMEDOUT");
  });

  it("refuses a URL that is not smtp(s) or has no host, without echoing it", () => {
    const pass = encodeURIComponent(PASSWORD);
    for (const url of [`https://app:${pass}@mail.test`, `smtp://app:${pass}@`, "mail.test:25"]) {
      let thrown: unknown;
      try {
        createSmtpMailer({ url, from: FROM });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expectNoPassword(thrown as Error);
    }
  });
});
