import { useState } from 'react';
import { Button, Card, PageHeader, QueryView } from '@/components';
import { shiftDay, useOverview, useSeries, type SeriesRange } from '../api/analytics';
import { DrawingsChart, PointsChart, RegistrationsChart, SyncsChart } from '../components/AnalyticsCharts';
import { OverviewFigures } from '../components/OverviewFigures';

const PERIODS = [30, 90] as const;
type Period = (typeof PERIODS)[number];

/**
 * The 30-day series are the API's default range (ending on its own today, in New York); the
 * 90-day ones end on the same day, which the 30-day answer names, so the browser's clock never
 * decides which days are shown.
 */
function usePeriodRange(period: Period): SeriesRange | null {
  const anchor = useSeries('registrations', { interval: 'day' });
  if (period === 30) return { interval: 'day' };
  const lastDay = anchor.data?.lastDay;
  return lastDay ? { from: shiftDay(lastDay, -89), to: lastDay, interval: 'week' } : null;
}

function Charts({ range }: { range: SeriesRange }) {
  const registrations = useSeries('registrations', range);
  const activity = useSeries('activity', range);
  const drawings = useSeries('drawings', range);
  return (
    <div className="grid grid-2">
      <QueryView query={registrations} loadingLabel="Loading registrations">
        {(s) => <RegistrationsChart series={s} />}
      </QueryView>
      <QueryView query={activity} loadingLabel="Loading activity">
        {(s) => <SyncsChart series={s} />}
      </QueryView>
      <QueryView query={activity} loadingLabel="Loading activity">
        {(s) => <PointsChart series={s} />}
      </QueryView>
      <QueryView query={drawings} loadingLabel="Loading drawings">
        {(s) => <DrawingsChart series={s} />}
      </QueryView>
    </div>
  );
}

export function DashboardPage() {
  const overview = useOverview();
  const [period, setPeriod] = useState<Period>(30);
  const range = usePeriodRange(period);
  return (
    <div className="stack">
      <PageHeader title="Overview" subtitle="Figures as of now; days are New York days." />
      <QueryView query={overview} loadingLabel="Loading figures">
        {(o) => <OverviewFigures overview={o} />}
      </QueryView>
      <Card
        title={`Last ${period} days`}
        actions={
          <div className="row" role="group" aria-label="Period">
            {PERIODS.map((p) => (
              <Button key={p} variant={p === period ? 'primary' : 'secondary'} aria-pressed={p === period} onClick={() => setPeriod(p)}>
                {p} days
              </Button>
            ))}
          </div>
        }
      >
        {range ? <Charts range={range} /> : null}
      </Card>
    </div>
  );
}
