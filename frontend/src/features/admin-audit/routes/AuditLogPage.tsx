import { Card, EmptyState, PageHeader, Pagination, QueryView } from '@/components';
import { useUrlFilters } from '@/features/admin/hooks/urlFilters';
import { formatNumber } from '@/lib/format';
import { filtersFromUrl, filtersToUrl, useAuditLog } from '../api/audit';
import { AuditSearch } from '../components/AuditSearch';
import { AuditTable } from '../components/AuditTable';
import { ChainCheck } from '../components/ChainCheck';

export function AuditLogPage() {
  const [filters, show] = useUrlFilters(filtersFromUrl, filtersToUrl);
  const entries = useAuditLog(filters);
  return (
    <div className="stack">
      <PageHeader title="Audit log" subtitle="Every admin action, append-only and hash-chained; days are New York days." />
      <ChainCheck />
      <Card>
        <AuditSearch filters={filters} onSearch={show} refusal={entries.error} />
        <QueryView
          query={entries}
          loadingLabel="Loading the audit log"
          isEmpty={(d) => d.entries.length === 0}
          empty={<EmptyState title="No entries match">Widen the dates or clear a filter.</EmptyState>}
        >
          {(data) => (
            <>
              <p className="muted small">{formatNumber(data.pagination.totalItems)} entries</p>
              <AuditTable entries={data.entries} />
              <Pagination info={data.pagination} onPage={(page) => show({ ...filters, page })} />
            </>
          )}
        </QueryView>
      </Card>
    </div>
  );
}
