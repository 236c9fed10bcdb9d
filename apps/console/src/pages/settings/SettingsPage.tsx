import { Tabs } from "@mantine/core";
import { IconBuilding, IconDevices, IconKey, IconLock, IconMail, IconUser } from "@tabler/icons-react";
import { useScope } from "../../scope/scope-context";
import { PageHeader } from "../../ui/PageHeader";
import { useUrlState } from "../../ui/use-url-state";
import { EmailTab } from "./EmailTab";
import { PasswordTab } from "./PasswordTab";
import { ProfileTab } from "./ProfileTab";
import { SessionsTab } from "./SessionsTab";
import { SsoTab } from "./SsoTab";
import { TenantTab } from "./TenantTab";

/** Settings: the person's own account (profile, password, sessions) and the tenant's (name, SSO, email). */
export function SettingsPage() {
  const scope = useScope();
  const [{ tab }, setUrl] = useUrlState(["tab"]);
  const tabs = [
    { value: "profile", label: "Profile", icon: IconUser, show: true },
    { value: "password", label: "Password", icon: IconLock, show: true },
    { value: "sessions", label: "Sessions", icon: IconDevices, show: true },
    { value: "tenant", label: "Tenant", icon: IconBuilding, show: scope.can("tenant:update") },
    { value: "sso", label: "Single sign-on", icon: IconKey, show: scope.can("tenant:read") },
    { value: "email", label: "Email (SMTP)", icon: IconMail, show: scope.can("tenant:update") },
  ].filter((t) => t.show);
  const current = tabs.some((t) => t.value === tab) ? tab! : "profile";
  return (
    <>
      <PageHeader title="Settings" description="Your account, and this tenant's settings." />
      <Tabs
        value={current}
        onChange={(v) => setUrl({ tab: v === "profile" ? undefined : (v ?? undefined) })}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile">
          <ProfileTab />
        </Tabs.Panel>
        <Tabs.Panel value="password">
          <PasswordTab />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsTab />
        </Tabs.Panel>
        <Tabs.Panel value="tenant">
          <TenantTab />
        </Tabs.Panel>
        <Tabs.Panel value="sso">
          <SsoTab />
        </Tabs.Panel>
        <Tabs.Panel value="email">
          <EmailTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
