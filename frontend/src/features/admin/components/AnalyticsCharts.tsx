import type { SeriesByName } from '../api/analytics';
import { CHART_COLORS, SeriesChart } from './SeriesChart';

/** The four charts the overview and the analytics page share, one per thing measured. */
export function RegistrationsChart({ series }: { series: SeriesByName['registrations'] }) {
  return (
    <SeriesChart
      title="New registrations"
      rows={series.buckets}
      measures={[{ key: 'registrations', label: 'Registrations', color: CHART_COLORS.primary }]}
    />
  );
}

export function SyncsChart({ series }: { series: SeriesByName['activity'] }) {
  return (
    <SeriesChart title="Tracker syncs started" rows={series.buckets} measures={[{ key: 'syncs', label: 'Syncs', color: CHART_COLORS.primary }]} />
  );
}

export function PointsChart({ series }: { series: SeriesByName['activity'] }) {
  return (
    <SeriesChart
      title="Points earned and spent"
      kind="line"
      rows={series.buckets}
      measures={[
        { key: 'pointsEarned', label: 'Earned', color: CHART_COLORS.points },
        { key: 'pointsSpent', label: 'Spent', color: CHART_COLORS.error },
      ]}
    />
  );
}

export function DrawingsChart({ series }: { series: SeriesByName['drawings'] }) {
  return (
    <SeriesChart
      title="Drawing participation"
      rows={series.buckets}
      measures={[
        { key: 'participants', label: 'Participants', color: CHART_COLORS.primary },
        { key: 'ticketsSold', label: 'Tickets sold', color: CHART_COLORS.prize },
        { key: 'freeEntries', label: 'Free entries', color: CHART_COLORS.points },
      ]}
    />
  );
}
