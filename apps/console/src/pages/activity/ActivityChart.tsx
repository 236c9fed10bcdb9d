import { Box, Group, Paper, Text } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useState } from "react";
import type { ChartModel } from "./activity-chart-data";
import { bucketLabel } from "./activity-range";
import { ChartLegend, colorVar } from "./ChartLegend";
import { chartSummary, unitFormatter } from "./chart-format";
import { areaPath, bandsOf, labelledIndices, linePath, niceAxis, runsOf, topOf } from "./chart-geometry";

const PAD = { top: 8, right: 12, bottom: 28, left: 72 };

/**
 * The selected metric over the range, drawn as plain SVG: stacked areas for additive metrics (requests,
 * tokens, spend), one per group; lines for the ones that do not add up (error rate, latency). Hover, or
 * focus and the arrow keys, show a bucket's values.
 *
 * Why not the chart library the rest of Mantine offers: with 1M usage records the page's data is in by
 * ~200 ms, and parsing and drawing recharts took ~550 ms more, past the page's 1 s target (docs/adr/).
 */
export function ActivityChart({
  model,
  height = 280,
  onShown,
}: {
  model: ChartModel;
  height?: number;
  /** Called once the chart is on screen (the page's "ready" marker waits for it). */
  onShown?: () => void;
}) {
  const { ref, width } = useElementSize();
  const [active, setActive] = useState<number | null>(null);
  const stacked = model.unit !== "fraction" && model.unit !== "ms";
  const format = unitFormatter(model.unit);
  const bands = useMemo(() => bandsOf(model, stacked), [model, stacked]);
  const axis = useMemo(() => niceAxis(topOf(bands)), [bands]);
  useEffect(() => {
    if (width > 0) onShown?.();
  }, [width, onShown]);

  const n = model.data.length;
  const plotW = Math.max(1, width - PAD.left - PAD.right);
  const plotH = height - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => PAD.top + plotH - (v / axis.max) * plotH;
  const label = (i: number) => bucketLabel(model.data[i]?.t ?? 0, model.interval);

  const pick = (e: MouseEvent<SVGSVGElement>) => {
    const left = e.currentTarget.getBoundingClientRect().left;
    const i = Math.round(((e.clientX - left - PAD.left) / plotW) * (n - 1));
    setActive(n === 0 ? null : Math.min(n - 1, Math.max(0, i)));
  };
  const step = (e: KeyboardEvent<SVGSVGElement>) => {
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (delta === 0 || n === 0) return;
    e.preventDefault();
    setActive((a) => Math.min(n - 1, Math.max(0, (a ?? (delta > 0 ? -1 : n)) + delta)));
  };

  return (
    <Box>
      <Box ref={ref} pos="relative" h={height}>
        {width > 0 && (
          <svg
            width={width}
            height={height}
            role="img"
            aria-label={chartSummary(model, format, label)}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: an image with a text alternative, focusable so the arrow keys step through its buckets
            tabIndex={0}
            onMouseMove={pick}
            onMouseLeave={() => setActive(null)}
            onKeyDown={step}
            onBlur={() => setActive(null)}
            style={{ display: "block", outline: "none" }}
            data-testid="activity-chart"
          >
            {axis.ticks.map((t) => (
              <g key={t}>
                <line
                  x1={PAD.left}
                  x2={PAD.left + plotW}
                  y1={y(t)}
                  y2={y(t)}
                  stroke="var(--mantine-color-default-border)"
                  strokeDasharray={t === 0 ? undefined : "4 4"}
                />
                <text
                  x={PAD.left - 8}
                  y={y(t)}
                  dy="0.32em"
                  textAnchor="end"
                  fontSize={12}
                  fill="var(--mantine-color-dimmed)"
                >
                  {format(t)}
                </text>
              </g>
            ))}
            {labelledIndices(n, Math.floor(plotW / 90)).map((i) => (
              <text
                key={i}
                x={x(i)}
                y={height - 8}
                // A label at the right edge ends there instead of being cut.
                textAnchor={x(i) > width - 48 ? "end" : "middle"}
                fontSize={12}
                fill="var(--mantine-color-dimmed)"
              >
                {label(i)}
              </text>
            ))}
            {bands.map((series, s) => {
              const color = colorVar(model.series[s]!.color);
              if (!stacked) {
                // Lines join across empty buckets (no latency where there were no requests).
                const points = runsOf(series)
                  .flat()
                  .map(({ i, band }) => [x(i), y(band[1])] as [number, number]);
                return (
                  <path
                    key={model.series[s]!.name}
                    d={linePath([points])}
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                  />
                );
              }
              return (
                <g key={model.series[s]!.name}>
                  {runsOf(series).map((run) => {
                    const tops = run.map(({ i, band }) => [x(i), y(band[1])] as [number, number]);
                    const bottoms = run.map(({ i, band }) => [x(i), y(band[0])] as [number, number]);
                    return (
                      <g key={run[0]!.i}>
                        <path d={areaPath(tops, bottoms)} fill={color} fillOpacity={0.25} stroke="none" />
                        <path d={linePath([tops])} fill="none" stroke={color} strokeWidth={2} />
                      </g>
                    );
                  })}
                </g>
              );
            })}
            {active !== null && (
              <line
                x1={x(active)}
                x2={x(active)}
                y1={PAD.top}
                y2={PAD.top + plotH}
                stroke="var(--mantine-color-dimmed)"
              />
            )}
          </svg>
        )}
        {active !== null && width > 0 && (
          <ChartTooltip
            left={Math.min(x(active) + 12, Math.max(0, width - 220))}
            title={label(active)}
            rows={model.series.map((s) => ({
              label: s.label,
              color: s.color,
              value: model.data[active]?.[s.name],
            }))}
            format={format}
          />
        )}
      </Box>
      {model.series.length > 1 && <ChartLegend series={model.series} />}
    </Box>
  );
}

/** A bucket's values next to the pointer. */
function ChartTooltip({
  left,
  title,
  rows,
  format,
}: {
  left: number;
  title: string;
  rows: Array<{ label: string; color: string; value: number | null | undefined }>;
  format: (v: number) => string;
}) {
  return (
    <Paper
      withBorder
      shadow="sm"
      p="xs"
      pos="absolute"
      top={8}
      left={left}
      w={208}
      style={{ pointerEvents: "none" }}
      role="status"
    >
      <Text size="xs" fw={600} mb={4}>
        {title}
      </Text>
      {rows.map((r) => (
        <Group key={r.label} justify="space-between" gap="xs" wrap="nowrap">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Box w={8} h={8} style={{ borderRadius: 4, background: colorVar(r.color), flex: "none" }} />
            <Text size="xs" truncate>
              {r.label}
            </Text>
          </Group>
          <Text size="xs" ff="monospace">
            {r.value == null ? "—" : format(r.value)}
          </Text>
        </Group>
      ))}
    </Paper>
  );
}
