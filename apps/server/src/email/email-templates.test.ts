import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type EmailTemplate, type EmailTemplateVars, renderEmail } from "./email-templates.js";
import { escapeHtml } from "./escape-html.js";

const LINK = "https://gatehouse.example.com/account/reset?token=abc&x=1";

const SAMPLE: { [T in EmailTemplate]: EmailTemplateVars[T] } = {
  password_reset: { name: "Ana", link: LINK, expiresInMinutes: 30 },
  verify_email: { name: "Ana", link: LINK, expiresInMinutes: 1440 },
  invitation: { inviterName: "Bo", tenantName: "Acme", role: "admin", link: LINK, expiresInDays: 7 },
  budget_threshold: {
    budget: "Acme's monthly budget",
    threshold: 80,
    used: "$8.00",
    limit: "$10.00",
    link: LINK,
  },
};

const render = <T extends EmailTemplate>(t: T, vars: EmailTemplateVars[T]) => renderEmail(t, vars);
const countOf = (text: string, ch: string) => text.split(ch).length - 1;

describe("renderEmail", () => {
  it("renders a password reset with the link, expiry and product footer in both parts", () => {
    const email = render("password_reset", SAMPLE.password_reset);
    expect(email.subject).toBe("Reset your Gatehouse password");
    expect(email.text).toContain("Hi Ana,");
    expect(email.text).toContain(`Reset password:\n${LINK}`);
    expect(email.text).toContain("expires in 30 minutes");
    expect(email.text).toMatch(/\n-- \nGatehouse\n/);
    expect(email.text).not.toMatch(/<[a-z]/i);
    expect(email.html).toContain(`href="${escapeHtml(LINK)}"`);
    expect(email.html).toContain("<strong>Gatehouse</strong>");
  });

  it("renders verification with the expiry in whole hours", () => {
    const email = render("verify_email", SAMPLE.verify_email);
    expect(email.subject).toBe("Verify your email address for Gatehouse");
    expect(email.text).toContain("expires in 24 hours");
    expect(render("verify_email", { ...SAMPLE.verify_email, expiresInMinutes: 60 }).text).toContain(
      "1 hour.",
    );
  });

  it("renders an invitation naming inviter, tenant and role", () => {
    const email = render("invitation", SAMPLE.invitation);
    expect(email.subject).toBe("Bo invited you to join Acme on Gatehouse");
    expect(email.text).toContain("Bo has invited you to join Acme on Gatehouse with the role admin.");
    expect(email.text).toContain("expires in 7 days");
    expect(render("invitation", { ...SAMPLE.invitation, expiresInDays: 1 }).text).toContain("in 1 day.");
  });

  it("escapes markup and quotes in every variable of the html part", () => {
    const evil = `<script>alert("x")</script>' onmouseover='y`;
    const email = render("invitation", {
      inviterName: evil,
      tenantName: evil,
      role: evil,
      link: `https://e.test/?q="><script>`,
      expiresInDays: 2,
    });
    expect(email.html).not.toMatch(/<script|onmouseover='|q="/);
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y");
    expect(email.html).toContain('href="https://e.test/?q=&quot;&gt;&lt;script&gt;"');
    expect(email.text).toContain(evil);
  });

  it("keeps a subject on one line whatever the names hold", () => {
    const email = render("invitation", { ...SAMPLE.invitation, inviterName: "Bo\r\nBcc: x@evil.test" });
    expect(email.subject).toBe("Bo Bcc: x@evil.test invited you to join Acme on Gatehouse");
  });

  it("greets without a name when the name is blank", () => {
    expect(render("password_reset", { ...SAMPLE.password_reset, name: "  " }).text).toMatch(/^Hello,\n/);
  });

  it("refuses a link that is not absolute http(s) and an expiry that is not a positive whole number", () => {
    for (const link of ["javascript:alert(1)", "/reset?t=1", "mailto:a@b.c", ""]) {
      expect(() => render("password_reset", { ...SAMPLE.password_reset, link })).toThrow(/http\(s\) URL/);
    }
    for (const expiresInMinutes of [0, -5, 1.5, Number.NaN]) {
      expect(() => render("verify_email", { ...SAMPLE.verify_email, expiresInMinutes })).toThrow(/positive/);
    }
    expect(() => render("invitation", { ...SAMPLE.invitation, expiresInDays: 0 })).toThrow(/positive/);
  });

  it("never lets a variable add markup, and keeps it verbatim in the text (property)", () => {
    // Any code point, with the characters HTML cares about drawn often enough to matter.
    const unit = fc.oneof(
      fc.constantFrom("<", ">", "&", '"', "'", "/", " ", "\n"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit, maxLength: 40 });
    const named = text.filter((s) => s.trim() !== "");
    const link = text.map((q) => `https://gatehouse.example.com/a?t=${q}`);
    const cases = fc.oneof(
      fc
        .record({ name: named, link })
        .map((v) => ["password_reset", { ...v, expiresInMinutes: 30 }] as const),
      fc.record({ name: named, link }).map((v) => ["verify_email", { ...v, expiresInMinutes: 30 }] as const),
      fc
        .record({ inviterName: text, tenantName: text, role: text, link })
        .map((v) => ["invitation", { ...v, expiresInDays: 7 }] as const),
    );
    fc.assert(
      fc.property(cases, ([template, vars]) => {
        const email = renderEmail(template, vars as never);
        const baseline = renderEmail(template, SAMPLE[template] as never);
        for (const ch of ["<", ">", '"', "'"])
          expect(countOf(email.html, ch)).toBe(countOf(baseline.html, ch));
        for (const value of Object.values(vars)) {
          if (typeof value !== "string") continue;
          expect(email.text).toContain(value);
          expect(email.html).toContain(escapeHtml(value));
        }
      }),
      { numRuns: 300 },
    );
  });
});
