import { Select } from "@mantine/core";
import { useScope } from "../scope/scope-context";

/** Chooses the workspace pages work in (keys, playground, filters); remembered per tenant. */
export function WorkspaceSwitcher() {
  const scope = useScope();
  if (scope.workspaces.length === 0) return null;
  return (
    <Select
      aria-label="Workspace"
      data-testid="workspace-switcher"
      data={scope.workspaces.map((w) => ({ value: w.id, label: w.name }))}
      value={scope.workspace?.id ?? null}
      allowDeselect={false}
      searchable={scope.workspaces.length > 8}
      w={170}
      visibleFrom="sm"
      onChange={(id) => id && scope.setWorkspace(id)}
    />
  );
}
