import { Card, EmptyState, PageHeader, Pagination, QueryView } from '@/components';
import { useUrlFilters } from '@/features/admin/hooks/urlFilters';
import { formatNumber } from '@/lib/format';
import { filtersFromUrl, filtersToUrl, toQuery } from '../api/filters';
import { useMembers } from '../api/members';
import { MemberSearch } from '../components/MemberSearch';
import { MembersTable } from '../components/MembersTable';

export function MembersPage() {
  const [filters, show] = useUrlFilters(filtersFromUrl, filtersToUrl);
  const members = useMembers(toQuery(filters));

  return (
    <>
      <PageHeader title="Members" subtitle="Email and display name match from the start; deleted accounts are not listed." />
      <Card>
        <MemberSearch filters={filters} onSearch={show} refusal={members.error} />
        <QueryView
          query={members}
          loadingLabel="Loading members"
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title="No members match">Try a shorter prefix or fewer filters.</EmptyState>}
        >
          {(data) => (
            <>
              <p className="muted small" aria-live="polite">
                {formatNumber(data.pagination.totalItems)} {data.pagination.totalItems === 1 ? 'member' : 'members'}
              </p>
              <MembersTable members={data.items} total={data.pagination.totalItems} />
              <Pagination info={data.pagination} onPage={(page) => show({ ...filters, page })} />
            </>
          )}
        </QueryView>
      </Card>
    </>
  );
}
