import { useState } from 'react';
import { Button, Dialog, useToast } from '@/components';
import { FilteredTablePage, useTableFilters } from '@/features/admin/components/FilteredTablePage';
import { formatDate } from '@/lib/format';
import { useCreateSponsor, useSponsors, type Sponsor, type SponsorStatusFilter } from '../api/sponsors';
import { SponsorActions } from '../components/SponsorActions';
import { SponsorForm } from '../components/SponsorForm';
import { SponsorLogo } from '../components/SponsorLogo';

const STATUS_OPTIONS = [
  { value: 'all', label: 'All sponsors' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
] as const;

function SponsorRow({ sponsor }: { sponsor: Sponsor }) {
  return (
    <tr>
      <th scope="row">
        <div className="row">
          <SponsorLogo sponsor={sponsor} />
          <div>
            {sponsor.name}
            {sponsor.websiteUrl ? (
              <div className="small">
                <a href={sponsor.websiteUrl} target="_blank" rel="noreferrer noopener">
                  {sponsor.websiteUrl}
                </a>
              </div>
            ) : null}
          </div>
        </div>
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

const COLUMNS = [{ label: 'Sponsor' }, { label: 'Contact' }, { label: 'Status' }, { label: 'Added' }, { label: 'Actions' }];

export function SponsorsPage() {
  const [adding, setAdding] = useState(false);
  const list = useTableFilters<{ status: SponsorStatusFilter }>({ status: 'all' });
  const sponsors = useSponsors(list.filters.status, list.page);
  const create = useCreateSponsor();
  const toast = useToast();

  return (
    <FilteredTablePage
      title="Sponsors"
      subtitle="Who provides the prizes. Sponsors are deactivated, never deleted."
      actions={<Button onClick={() => setAdding(true)}>Add sponsor</Button>}
      filters={[{ name: 'status', label: 'Status', options: STATUS_OPTIONS }]}
      list={list}
      query={sponsors}
      rowsOf={(d) => d.items}
      loadingLabel="Loading sponsors"
      empty={{ title: 'No sponsors here', body: 'Add the first sponsor to name it on prizes.' }}
      caption="Sponsors"
      columns={COLUMNS}
      keyOf={(s) => s.sponsorId}
      renderRow={(s) => <SponsorRow sponsor={s} />}
    >
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
    </FilteredTablePage>
  );
}
