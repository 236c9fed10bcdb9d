import { Button, Tabs } from "@mantine/core";
import { IconMailPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useScope } from "../../scope/scope-context";
import { PageHeader } from "../../ui/PageHeader";
import { useUrlState } from "../../ui/use-url-state";
import { InvitationsTab } from "./InvitationsTab";
import { InviteModal } from "./InviteModal";
import { MembersTab } from "./MembersTab";
import { RolesTab } from "./RolesTab";
import { WorkspaceMembersTab } from "./WorkspaceMembersTab";

const TABS = ["members", "workspace", "invitations", "roles"] as const;

/** The tenant's people: members, the current workspace's members, invitations, and roles (tab in the URL). */
export function TeamPage() {
  const scope = useScope();
  const [state, setState] = useUrlState(["tab"]);
  const tab = TABS.find((t) => t === state.tab) ?? "members";
  const [inviting, setInviting] = useState(false);
  const mayInvite = scope.can("members:manage");
  return (
    <>
      <PageHeader
        title="Team"
        description="Who can use this tenant, with which role, and in which workspaces."
        actions={
          mayInvite && (
            <Button leftSection={<IconMailPlus size={16} />} onClick={() => setInviting(true)}>
              Invite member
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(t) => setState({ tab: t === "members" ? undefined : (t ?? undefined) })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="members">Members</Tabs.Tab>
          <Tabs.Tab value="workspace">Workspace members</Tabs.Tab>
          <Tabs.Tab value="invitations">Invitations</Tabs.Tab>
          {scope.can("roles:read") && <Tabs.Tab value="roles">Roles</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="members">
          <MembersTab />
        </Tabs.Panel>
        <Tabs.Panel value="workspace">
          <WorkspaceMembersTab />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsTab onInvite={mayInvite ? () => setInviting(true) : undefined} />
        </Tabs.Panel>
        <Tabs.Panel value="roles">
          <RolesTab />
        </Tabs.Panel>
      </Tabs>
      <InviteModal opened={inviting} onClose={() => setInviting(false)} />
    </>
  );
}
