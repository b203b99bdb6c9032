"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import type { StatisticsChart } from "@/lib/domain/academy-statistics";

/*
 * R-OVS-1: a bar chart of the statistics (recharts). The chart is a picture of the table that
 * follows it: it is hidden from assistive technologies (aria-hidden, no keyboard layer) and its
 * figure names the table that carries the same figures, the accessible source of truth.
 * Fixed size (no ResponsiveContainer). Drawn in the browser only: recharts writes `style`
 * attributes, which the Content-Security-Policy refuses in the server's HTML (docs/security-headers.md:
 * no style attribute); in the browser React sets them through the CSSOM, which CSP allows. The
 * table, rendered on the server, carries the figures either way.
 */
const noSubscription = () => () => {};
export function StatisticsBarChart({ chart }: { chart: StatisticsChart }) {
  const data = chart.data.map((d) => ({ label: d.label, ...d.values }));
  const width = 720;
  const height = Math.max(180, 48 + chart.data.length * (chart.stacked ? 32 : 44));
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <figure className="mt-3" aria-labelledby={`${chart.id}-caption`}>
      <figcaption id={`${chart.id}-caption`} className="text-sm font-medium">
        {chart.title} <span className="font-normal text-muted">(graphique ; les mêmes chiffres sont dans le tableau ci-dessous)</span>
      </figcaption>
      <div aria-hidden="true" className="mt-2 overflow-x-auto" data-chart={chart.id}>
        {inBrowser ? (
          <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: "#374151", fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={260} tick={{ fill: "#111827", fontSize: 12 }} interval={0} />
            <Legend wrapperStyle={{ fontSize: 12, color: "#111827" }} />
            {chart.series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={chart.stacked ? "a" : undefined} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : null}
      </div>
    </figure>
  );
}
