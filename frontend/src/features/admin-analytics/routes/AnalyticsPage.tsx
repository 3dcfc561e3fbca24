import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, PageHeader } from '@/components';
import { useSeries, type Interval, type SeriesRange } from '@/features/admin/api/analytics';
import { CsvButton } from '../components/CsvButton';
import { RangeForm } from '../components/RangeForm';
import { ActivityCard, DrawingsCard, RegistrationsCard } from '../components/SeriesCards';

const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];

/** The range lives in the URL; without one the API's default (30 days ending its today) is shown. */
function rangeFromUrl(params: URLSearchParams): SeriesRange {
  const interval = params.get('interval') as Interval | null;
  const range: SeriesRange = { interval: interval && INTERVALS.includes(interval) ? interval : 'day' };
  const from = params.get('from');
  const to = params.get('to');
  if (from) range.from = from;
  if (to) range.to = to;
  return range;
}

export function AnalyticsPage() {
  const [params, setParams] = useSearchParams();
  const range = useMemo(() => rangeFromUrl(params), [params]);
  // The registrations answer echoes the days the API used, which the form then shows.
  const echo = useSeries('registrations', range);
  const shown = useMemo(
    () => (echo.data ? { from: echo.data.firstDay, to: echo.data.lastDay, interval: echo.data.interval } : null),
    [echo.data],
  );

  return (
    <div className="stack">
      <PageHeader title="Analytics" subtitle="New York days; a week starts on Monday and a period is labelled by its first day." />
      <Card actions={<CsvButton name="overview" range={range} label="Download overview CSV" />}>
        <RangeForm shown={shown} onChange={(next) => setParams(new URLSearchParams(next))} refusal={echo.error} />
      </Card>
      <RegistrationsCard range={range} />
      <ActivityCard range={range} />
      <DrawingsCard range={range} />
    </div>
  );
}
