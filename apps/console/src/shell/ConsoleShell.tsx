import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense } from "react";
import { Link, Outlet, useLocation, useParams } from "react-router";
import { ScopeProvider } from "../scope/ScopeProvider";
import { useScope } from "../scope/scope-context";
import { PageLoader } from "../ui/PageLoader";
import { ColorSchemeToggle } from "./ColorSchemeToggle";
import { Logo } from "./Logo";
import { NAV_ITEMS } from "./nav-items";
import { TenantSwitcher } from "./TenantSwitcher";
import { UserMenu } from "./UserMenu";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";

/** The signed-in frame: header (tenant and workspace switchers, theme, user menu), navigation, page. */
export function ConsoleShell() {
  const { tenantId } = useParams();
  const [opened, { toggle, close }] = useDisclosure();
  return (
    <ScopeProvider tenantId={tenantId!} key={tenantId}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Logo />
              <TenantSwitcher />
              <WorkspaceSwitcher />
            </Group>
            <Group gap="xs" wrap="nowrap">
              <ColorSchemeToggle />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main navigation">
          <ScrollArea>
            <Navigation onNavigate={close} />
          </ScrollArea>
        </AppShell.Navbar>
        <AppShell.Main>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </ScopeProvider>
  );
}

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const scope = useScope();
  const { pathname } = useLocation();
  const base = `/t/${scope.tenantId}`;
  const visible = NAV_ITEMS.filter((i) => i.permission === undefined || scope.canSomewhere(i.permission));
  const sections = [...new Set(visible.map((i) => i.section))];
  return (
    <nav>
      {sections.map((section) => (
        <div key={section}>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
            {section}
          </Text>
          {visible
            .filter((i) => i.section === section)
            .map((item) => {
              const to = `${base}/${item.path}`;
              return (
                <NavLink
                  key={item.path}
                  component={Link}
                  to={to}
                  label={item.label}
                  leftSection={<item.icon size={18} stroke={1.6} />}
                  active={pathname === to || pathname.startsWith(`${to}/`)}
                  onClick={onNavigate}
                />
              );
            })}
        </div>
      ))}
    </nav>
  );
}
