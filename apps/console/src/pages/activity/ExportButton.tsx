import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { type ActivityView, usageQuery } from "./use-activity-data";

/** Downloads the request log of the shown range and filters as CSV (`usageLogs.export`). */
export function ExportButton({ view }: { view: ActivityView }) {
  const { client } = useApi();
  const { tenantId } = useScope();
  const download = useMutation({
    mutationFn: async () => {
      const query = usageQuery(view);
      const csv = await client.usageLogs.export({ params: { tenantId }, query });
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `gatehouse-usage-${new Date(query.from).toISOString().slice(0, 16)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        loading={download.isPending}
        onClick={() => download.mutate()}
      >
        Export CSV
      </Button>
      {download.error && <ErrorAlert error={download.error} title="Export failed" w="100%" />}
    </>
  );
}
