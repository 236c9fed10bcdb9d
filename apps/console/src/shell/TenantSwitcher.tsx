import { Select } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router";
import { useApi } from "../api/api-context";
import { useScope } from "../scope/scope-context";

/** Switches to another tenant the user belongs to, on the same page (the choice is remembered). */
export function TenantSwitcher() {
  const { client } = useApi();
  const scope = useScope();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const me = useQuery({ queryKey: ["auth.me"], queryFn: () => client.auth.me() });
  const data = (me.data?.memberships ?? [{ tenantId: scope.tenantId, tenantName: scope.tenantName }]).map(
    (m) => ({
      value: m.tenantId,
      label: m.tenantName,
    }),
  );
  const page = pathname.split("/")[3] ?? "activity";
  return (
    <Select
      aria-label="Tenant"
      data-testid="tenant-switcher"
      data={data}
      value={scope.tenantId}
      allowDeselect={false}
      searchable={data.length > 8}
      w={180}
      visibleFrom="xs"
      onChange={(id) => id && id !== scope.tenantId && navigate(`/t/${id}/${page}`)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
