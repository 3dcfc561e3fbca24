import { useState } from 'react';
import { Card, EmptyState, PageHeader, Pagination, QueryView, SelectField, Stat, TextField } from '@/components';
import type { components } from '@/lib/api/schema';
import { formatDateTime, formatDay, formatNumber, humanize } from '@/lib/format';
import { useActivities, useActivitySummary, type ActivityFilters, type ActivityType } from '../api/activities';

type Activity = components['schemas']['ActivityView'];

function describe(a: Activity): string {
  const steps = typeof a.metrics.steps === 'number' ? a.metrics.steps : null;
  if (a.activityType === 'steps' && steps !== null) return `${formatNumber(steps)} steps`;
  const parts = [`${formatNumber(a.durationMinutes)} min`];
  if (a.intensity) parts.push(a.intensity);
  if (typeof a.metrics.calories === 'number') parts.push(`${formatNumber(a.metrics.calories)} kcal`);
  return parts.join(' · ');
}

function Summary() {
  const summary = useActivitySummary();
  return (
    <QueryView query={summary} loadingLabel="Loading summary">
      {(s) => (
        <div className="grid grid-3">
          {(
            [
              ['Today', s.today],
              ['This week', s.week],
              ['This month', s.month],
            ] as const
          ).map(([label, p]) => (
            <Card key={label} title={label}>
              <div className="row">
                <Stat label="steps" value={formatNumber(p.steps)} />
                <Stat label="active min" value={formatNumber(p.activeMinutes)} />
                <Stat label="points" value={formatNumber(p.pointsEarned)} tone="points" />
              </div>
            </Card>
          ))}
        </div>
      )}
    </QueryView>
  );
}

export function ActivitiesPage() {
  const [filters, setFilters] = useState<ActivityFilters>({ page: 1, type: '', startDate: '', endDate: '' });
  const activities = useActivities(filters);
  const set = (patch: Partial<ActivityFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  return (
    <>
      <PageHeader title="Activity" subtitle="Everything your trackers sent, de-duplicated across sources." />
      <Summary />
      <Card className="section">
        <div className="filters">
          <SelectField
            label="Type"
            value={filters.type}
            onChange={(e) => set({ type: e.target.value as ActivityType | '' })}
            options={[
              { value: '', label: 'All types' },
              { value: 'steps', label: 'Steps' },
              { value: 'active_minutes', label: 'Active minutes' },
              { value: 'workout', label: 'Workouts' },
            ]}
          />
          <TextField label="From" type="date" value={filters.startDate} onChange={(e) => set({ startDate: e.target.value })} />
          <TextField label="To" type="date" value={filters.endDate} onChange={(e) => set({ endDate: e.target.value })} />
        </div>
        <QueryView
          query={activities}
          loadingLabel="Loading activity"
          isEmpty={(d) => d.activities.length === 0}
          empty={
            <EmptyState title="No activity yet">
              Once a tracker is connected, your steps, active minutes and workouts show up here.
            </EmptyState>
          }
        >
          {(data) => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Type</th>
                      <th scope="col">Details</th>
                      <th scope="col">Source</th>
                      <th scope="col">Updated</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.activities.map((a) => (
                      <tr key={a.activityId}>
                        <td>{formatDay(a.programDay)}</td>
                        <td>{humanize(a.activityType)}</td>
                        <td>{describe(a)}</td>
                        <td>{humanize(a.source)}</td>
                        <td className="muted small">{formatDateTime(a.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination info={data.pagination} onPage={(page) => setFilters((f) => ({ ...f, page }))} />
            </>
          )}
        </QueryView>
      </Card>
    </>
  );
}
