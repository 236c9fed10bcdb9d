import { Avatar, Menu, UnstyledButton } from "@mantine/core";
import { IconLogout, IconSettings } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { useApi } from "../api/api-context";
import { useScope } from "../scope/scope-context";

/** The signed-in user: their name, a link to their settings, and sign-out. */
export function UserMenu() {
  const { client, signOut } = useApi();
  const scope = useScope();
  const navigate = useNavigate();
  const me = useQuery({ queryKey: ["auth.me"], queryFn: () => client.auth.me() });
  const user = me.data?.user;
  const initials = (user?.name || user?.email || "?")
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" data-testid="user-menu">
          <Avatar radius="xl" color="blue" size={34}>
            {initials}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {user && <Menu.Label>{user.email}</Menu.Label>}
        <Menu.Item
          component={Link}
          to={`/t/${scope.tenantId}/settings`}
          leftSection={<IconSettings size={16} />}
        >
          Settings
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={async () => {
            await signOut();
            navigate("/sign-in");
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
