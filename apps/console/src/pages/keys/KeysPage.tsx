import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  Menu,
  Select,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { IconDots, IconKey, IconPlus, IconRefresh, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { CursorPager } from "../../ui/CursorPager";
import { EmptyState } from "../../ui/EmptyState";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { formatAgo, formatTime } from "../../ui/format";
import { OrderSelect } from "../../ui/OrderSelect";
import { PageHeader } from "../../ui/PageHeader";
import { PageLoader } from "../../ui/PageLoader";
import { useCursorPage } from "../../ui/use-cursor-page";
import { useUrlState } from "../../ui/use-url-state";
import { CreateKeyModal } from "./CreateKeyModal";
import { KeyDrawer } from "./KeyDrawer";
import { KeyStatusBadge } from "./KeyStatusBadge";
import type { ApiKey, IssuedKey } from "./key-types";
import { RevokeKeyModal } from "./RevokeKeyModal";
import { RotateKeyModal } from "./RotateKeyModal";
import { SecretModal } from "./SecretModal";
import { useKeyAccess } from "./use-key-access";
import { useMemberNames } from "./use-member-names";

const STATUSES = [
  { value: "active", label: "Active" },
  { value: "revoked", label: "Revoked" },
  { value: "expired", label: "Expired" },
];

/**
 * The tenant's API keys (those of the workspaces the user may read): filtered by workspace, status and
 * owner (filters in the URL), newest or oldest first, a page at a time. Creating shows the secret once;
 * rotate, revoke and edit for whoever may change the key (its owner, or keys:manage in its workspace).
 */
export function KeysPage() {
  const { client } = useApi();
  const scope = useScope();
  const { meId, canWrite } = useKeyAccess();
  const ownerName = useMemberNames();
  const [filters, setFilters] = useUrlState(["workspace", "status", "mine", "order"]);
  const pager = useCursorPage();
  const [params, setParams] = useSearchParams();
  const openKeyId = params.get("key") ?? undefined;
  const setOpenKey = (id: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === undefined) next.delete("key");
      else next.set("key", id);
      return next;
    });
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedKey>();
  const [rotating, setRotating] = useState<ApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();

  const query = {
    limit: 25,
    order: filters.order === "asc" ? ("asc" as const) : ("desc" as const),
    ...(pager.cursor ? { cursor: pager.cursor } : {}),
    ...(filters.workspace ? { workspaceId: filters.workspace } : {}),
    ...(filters.status ? { status: filters.status as ApiKey["status"] } : {}),
    ...(filters.mine === "1" && meId ? { userId: meId } : {}),
  };
  const keys = useQuery({
    queryKey: ["keys.list", scope.tenantId, query],
    queryFn: () => client.keys.list({ params: { tenantId: scope.tenantId }, query }),
    placeholderData: keepPreviousData,
  });
  const mayCreate = scope.workspaces.some((w) => scope.can("keys:create", w.id));
  const workspaceName = (id: string) => scope.workspaces.find((w) => w.id === id)?.name ?? id;
  const filtered = Boolean(filters.workspace || filters.status || filters.mine);

  const createButton = mayCreate && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      Create key
    </Button>
  );
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys call models through /v1 in their workspace, within their limits."
        actions={createButton}
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <Select
          label="Workspace"
          placeholder="All workspaces"
          data={scope.workspaces.map((w) => ({ value: w.id, label: w.name }))}
          value={filters.workspace ?? null}
          onChange={(v) => setFilters({ workspace: v ?? undefined })}
          clearable
          w={220}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={STATUSES}
          value={filters.status ?? null}
          onChange={(v) => setFilters({ status: v ?? undefined })}
          clearable
          w={160}
        />
        <OrderSelect label="Order" value={filters.order} onChange={(order) => setFilters({ order })} />
        <Switch
          label="Only my keys"
          checked={filters.mine === "1"}
          onChange={(e) => setFilters({ mine: e.currentTarget.checked ? "1" : undefined })}
          mb={8}
        />
      </Group>
      <ErrorAlert error={keys.error} mb="md" />
      {keys.isLoading && <PageLoader />}
      {keys.data && keys.data.items.length === 0 && (
        <Card withBorder>
          <EmptyState
            title={filtered ? "No keys match these filters" : "No API keys yet"}
            action={
              filtered ? (
                <Button
                  variant="default"
                  onClick={() => setFilters({ workspace: undefined, status: undefined, mine: undefined })}
                >
                  Clear filters
                </Button>
              ) : (
                createButton
              )
            }
          >
            {filtered
              ? "Try another workspace or status."
              : "Create a key to call models through this Gatehouse from your applications."}
          </EmptyState>
        </Card>
      )}
      {keys.data && keys.data.items.length > 0 && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={960}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Workspace</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th w={48}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setOpenKey(k.id)} fw={500}>
                        {k.name}
                      </Anchor>
                      {k.userId !== null && k.userId === meId && (
                        <Text span size="xs" c="dimmed" ml={6}>
                          yours
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Code>{k.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{workspaceName(k.workspaceId)}</Table.Td>
                    <Table.Td>{ownerName(k.userId)}</Table.Td>
                    <Table.Td>
                      <KeyStatusBadge status={k.status} />
                    </Table.Td>
                    <Table.Td title={formatTime(k.lastUsedAt)}>{formatAgo(k.lastUsedAt)}</Table.Td>
                    <Table.Td>{k.expiresAt === null ? "Never" : formatTime(k.expiresAt)}</Table.Td>
                    <Table.Td>{formatTime(k.createdAt)}</Table.Td>
                    <Table.Td>
                      {canWrite(k) && k.status === "active" && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${k.name}`}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<IconKey size={14} />} onClick={() => setOpenKey(k.id)}>
                              Edit
                            </Menu.Item>
                            <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => setRotating(k)}>
                              Rotate
                            </Menu.Item>
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={14} />}
                              onClick={() => setRevoking(k)}
                            >
                              Revoke
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <CursorPager pager={pager} nextCursor={keys.data?.nextCursor} loading={keys.isFetching} />

      <CreateKeyModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setIssued(k);
        }}
      />
      <RotateKeyModal
        apiKey={rotating}
        onClose={() => setRotating(undefined)}
        onRotated={(k) => {
          setRotating(undefined);
          setIssued(k);
        }}
      />
      <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(undefined)} />
      <SecretModal issued={issued} onClose={() => setIssued(undefined)} />
      <KeyDrawer keyId={openKeyId} canWrite={canWrite} onClose={() => setOpenKey(undefined)} />
    </>
  );
}
