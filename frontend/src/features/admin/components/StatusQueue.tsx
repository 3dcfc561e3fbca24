import { useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState, PageHeader, Pagination, QueryView, Tabs } from '@/components';
import type { components } from '@/lib/api/schema';

interface QueuePage<T> {
  items: T[];
  pagination: components['schemas']['Pagination'];
}

/**
 * A console work queue (review flags, appeals): tabs by status with the queue's own status
 * first, a page of cards for the chosen one, and paging that starts over on a new tab.
 */
export function StatusQueue<S extends string, T>({
  title,
  subtitle,
  tabsLabel,
  tabs,
  empty,
  loadingLabel,
  useItems,
  keyOf,
  renderItem,
}: {
  title: string;
  subtitle: string;
  tabsLabel: string;
  /** The first tab is where the queue opens. */
  tabs: readonly { value: S; label: string }[];
  empty: Record<S, string>;
  loadingLabel: string;
  useItems: (status: S, page: number) => UseQueryResult<QueuePage<T>>;
  keyOf: (item: T) => string;
  renderItem: (item: T) => ReactNode;
}) {
  const [status, setStatus] = useState<S>(tabs[0]!.value);
  const [page, setPage] = useState(1);
  const query = useItems(status, page);

  return (
    <div className="stack">
      <PageHeader title={title} subtitle={subtitle} />
      <Tabs
        label={tabsLabel}
        value={status}
        onValueChange={(next) => {
          setStatus(next);
          setPage(1);
        }}
        items={tabs}
      >
        <QueryView
          query={query}
          loadingLabel={loadingLabel}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title={empty[status]} />}
        >
          {(d) => (
            <>
              <ul className="stack list">
                {d.items.map((item) => (
                  <li key={keyOf(item)}>{renderItem(item)}</li>
                ))}
              </ul>
              <Pagination info={d.pagination} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Tabs>
    </div>
  );
}
