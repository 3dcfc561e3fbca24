import { useState } from 'react';
import { Button, Dialog, EmptyState, PageHeader, Pagination, QueryView, SelectField, useToast } from '@/components';
import { formatDate } from '@/lib/format';
import { useCreateSponsor, useSponsors, type Sponsor, type SponsorStatusFilter } from '../api/sponsors';
import { SponsorActions } from '../components/SponsorActions';
import { SponsorForm } from '../components/SponsorForm';

const STATUS_OPTIONS = [
  { value: 'all', label: 'All sponsors' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
] as const;

function SponsorRow({ sponsor }: { sponsor: Sponsor }) {
  return (
    <tr>
      <th scope="row">
        {sponsor.name}
        {sponsor.websiteUrl ? (
          <div className="small">
            <a href={sponsor.websiteUrl} target="_blank" rel="noreferrer noopener">
              {sponsor.websiteUrl}
            </a>
          </div>
        ) : null}
      </th>
      <td>
        {sponsor.contactName ?? '—'}
        {sponsor.contactEmail ? <div className="small">{sponsor.contactEmail}</div> : null}
      </td>
      <td>
        <span className={`badge badge-${sponsor.status}`}>{sponsor.status}</span>
      </td>
      <td className="small">{sponsor.createdAt ? formatDate(sponsor.createdAt) : '—'}</td>
      <td>
        <SponsorActions sponsor={sponsor} />
      </td>
    </tr>
  );
}

export function SponsorsPage() {
  const [status, setStatus] = useState<SponsorStatusFilter>('all');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const sponsors = useSponsors(status, page);
  const create = useCreateSponsor();
  const toast = useToast();

  return (
    <div className="stack">
      <PageHeader
        title="Sponsors"
        subtitle="Who provides the prizes. Sponsors are deactivated, never deleted."
        actions={<Button onClick={() => setAdding(true)}>Add sponsor</Button>}
      />
      <div className="filters">
        <SelectField
          label="Status"
          value={status}
          options={STATUS_OPTIONS}
          onChange={(e) => {
            setStatus(e.target.value as SponsorStatusFilter);
            setPage(1);
          }}
        />
      </div>
      <QueryView
        query={sponsors}
        loadingLabel="Loading sponsors"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title="No sponsors here">Add the first sponsor to name it on prizes.</EmptyState>}
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Sponsors</caption>
                <thead>
                  <tr>
                    <th scope="col">Sponsor</th>
                    <th scope="col">Contact</th>
                    <th scope="col">Status</th>
                    <th scope="col">Added</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((s) => (
                    <SponsorRow key={s.sponsorId} sponsor={s} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination info={data.pagination} onPage={setPage} />
          </>
        )}
      </QueryView>
      <Dialog open={adding} onOpenChange={setAdding} title="Add sponsor">
        <SponsorForm
          submitLabel="Add sponsor"
          onSubmit={async (body) => {
            const sponsor = await create.mutateAsync(body);
            setAdding(false);
            toast({ title: `${sponsor.name} added`, tone: 'success' });
          }}
        />
      </Dialog>
    </div>
  );
}
