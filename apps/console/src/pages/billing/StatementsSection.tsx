import { Button, Group, Select, Text, Title } from "@mantine/core";
import { IconFileTypeCsv, IconFileTypePdf } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import { ErrorAlert } from "../../ui/ErrorAlert";
import { monthLabel, recentMonths } from "./months";
import { saveDownload } from "./save-download";

/** Monthly statements: pick a month, download it as CSV or PDF (each button shows its download running). */
export function StatementsSection() {
  const { client } = useApi();
  const { tenantId } = useScope();
  const months = useMemo(() => recentMonths(Date.now(), 24), []);
  const [month, setMonth] = useState<string>(months[0] as string);
  const csv = useMutation({
    mutationFn: async (m: string) => {
      const text = await client.billing.statementCsv({ params: { tenantId, month: m } });
      saveDownload(text, `gatehouse-statement-${m}.csv`, "text/csv");
    },
  });
  const pdf = useMutation({
    mutationFn: async (m: string) => {
      const bytes = await client.billing.statementPdf({ params: { tenantId, month: m } });
      saveDownload(bytes, `gatehouse-statement-${m}.pdf`, "application/pdf");
    },
  });
  return (
    <section aria-labelledby="statements-title">
      <Title order={2} size="h4" id="statements-title" mb={4}>
        Monthly statements
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Usage by workspace and model, credits and debits, and totals for one calendar month (UTC).
      </Text>
      <Group align="flex-end">
        <Select
          label="Month"
          data={months.map((m) => ({ value: m, label: monthLabel(m) }))}
          value={month}
          onChange={(v) => v && setMonth(v)}
          allowDeselect={false}
          w={200}
        />
        <Button
          variant="default"
          leftSection={<IconFileTypeCsv size={16} />}
          loading={csv.isPending}
          onClick={() => csv.mutate(month)}
        >
          Download CSV
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileTypePdf size={16} />}
          loading={pdf.isPending}
          onClick={() => pdf.mutate(month)}
        >
          Download PDF
        </Button>
      </Group>
      <ErrorAlert error={csv.error ?? pdf.error} title="The statement could not be downloaded" mt="sm" />
    </section>
  );
}
