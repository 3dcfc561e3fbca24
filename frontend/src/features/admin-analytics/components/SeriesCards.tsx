import { Card, QueryView } from '@/components';
import { useSeries, type SeriesRange } from '@/features/admin/api/analytics';
import { DrawingsChart, PointsChart, RegistrationsChart, SyncsChart } from '@/features/admin/components/AnalyticsCharts';
import { CsvButton } from './CsvButton';
import { SeriesTable } from './SeriesTable';

export function RegistrationsCard({ range }: { range: SeriesRange }) {
  const series = useSeries('registrations', range);
  return (
    <Card title="Registrations" actions={<CsvButton name="registrations" range={range} label="Download registrations CSV" />}>
      <QueryView query={series} loadingLabel="Loading registrations">
        {(s) => (
          <>
            <RegistrationsChart series={s} />
            <SeriesTable caption="New accounts per period" rows={s.buckets} columns={[{ header: 'Registrations', value: (b) => b.registrations }]} />
          </>
        )}
      </QueryView>
    </Card>
  );
}

export function ActivityCard({ range }: { range: SeriesRange }) {
  const series = useSeries('activity', range);
  return (
    <Card title="Activity" actions={<CsvButton name="activity" range={range} label="Download activity CSV" />}>
      <QueryView query={series} loadingLabel="Loading activity">
        {(s) => (
          <>
            <div className="grid grid-2">
              <SyncsChart series={s} />
              <PointsChart series={s} />
            </div>
            <SeriesTable
              caption="Syncs and points per period"
              rows={s.buckets}
              columns={[
                { header: 'Syncs', value: (b) => b.syncs },
                { header: 'Points earned', value: (b) => b.pointsEarned },
                { header: 'Points spent', value: (b) => b.pointsSpent },
              ]}
            />
          </>
        )}
      </QueryView>
    </Card>
  );
}

export function DrawingsCard({ range }: { range: SeriesRange }) {
  const series = useSeries('drawings', range);
  return (
    <Card title="Drawings" actions={<CsvButton name="drawings" range={range} label="Download drawings CSV" />}>
      <QueryView query={series} loadingLabel="Loading drawings">
        {(s) => (
          <>
            <DrawingsChart series={s} />
            <SeriesTable
              caption="Drawings held and participation per period"
              rows={s.buckets}
              columns={[
                { header: 'Drawings', value: (b) => b.drawings },
                { header: 'Participants', value: (b) => b.participants },
                { header: 'Tickets sold', value: (b) => b.ticketsSold },
                { header: 'Free entries', value: (b) => b.freeEntries },
                { header: 'Entries per participant', value: (b) => b.ticketsPerParticipant },
              ]}
            />
          </>
        )}
      </QueryView>
    </Card>
  );
}
