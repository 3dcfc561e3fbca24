import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatNumber } from '@/lib/format';
import './console.css';

export interface Measure<K extends string> {
  key: K;
  label: string;
  color: string;
}

/** The design system's colours, strong enough against white for lines and bars. */
export const CHART_COLORS = { primary: '#2C5282', points: '#276749', prize: '#8A5F12', error: '#C53030' } as const;

type Row<K extends string> = { periodStart: string } & Record<K, number>;

/**
 * One analytics series over time, as bars (counts per bucket) or lines (several measures).
 * Attributes only, no inline <style>: the site's CSP is style-src 'self'.
 */
export function SeriesChart<K extends string>({
  title,
  rows,
  measures,
  kind = 'bar',
}: {
  title: string;
  rows: Row<K>[];
  measures: Measure<K>[];
  kind?: 'bar' | 'line';
}) {
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey="periodStart" tickFormatter={(d: string) => formatDay(d).replace(/, \d{4}$/, '')} minTickGap={16} />,
    <YAxis key="y" allowDecimals={false} tickFormatter={(n: number) => formatNumber(n)} width={56} />,
    <Tooltip key="tip" labelFormatter={(d) => formatDay(String(d))} formatter={(n) => formatNumber(Number(n))} />,
    <Legend key="legend" />,
  ];
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <div className="chart">
        <ResponsiveContainer width="100%" height="100%">
          {kind === 'line' ? (
            <LineChart data={rows} title={title}>
              {axes}
              {measures.map((m) => (
                <Line key={m.key} type="monotone" dataKey={m.key} name={m.label} stroke={m.color} dot={false} strokeWidth={2} isAnimationActive={false} />
              ))}
            </LineChart>
          ) : (
            <BarChart data={rows} title={title}>
              {axes}
              {measures.map((m) => (
                <Bar key={m.key} dataKey={m.key} name={m.label} fill={m.color} isAnimationActive={false} />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
