import { Fragment, useState, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState, PageHeader, Pagination, QueryView, SelectField } from '@/components';
import type { PaginationInfo } from '@/components/Pagination';

type Filters = Record<string, string>;

/** A select above the table; its options are the only values the filter takes. */
export type TableFilter<F extends Filters> = {
  [K in keyof F & string]: { name: K; label: string; options: readonly { value: F[K]; label: string }[] };
}[keyof F & string];

export interface TableFilterState<F extends Filters> {
  filters: F;
  page: number;
  setFilter: <K extends keyof F>(name: K, value: F[K]) => void;
  setPage: (page: number) => void;
}

/** The filters and page of a FilteredTablePage; a changed filter starts again at the first page. */
export function useTableFilters<F extends Filters>(initial: F): TableFilterState<F> {
  const [filters, setFilters] = useState(initial);
  const [page, setPage] = useState(1);
  const setFilter = <K extends keyof F>(name: K, value: F[K]) => {
    setFilters((current) => ({ ...current, [name]: value }));
    setPage(1);
  };
  return { filters, page, setFilter, setPage };
}

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

/**
 * A console list page: its title and actions, select filters, then the table of the current
 * page (with the query's loading, error and empty states) and paging. `children` follow the
 * table (its dialogs, related cards).
 */
export function FilteredTablePage<F extends Filters, D extends { pagination: PaginationInfo }, T>({
  title,
  subtitle,
  actions,
  filters,
  list,
  query,
  rowsOf,
  loadingLabel,
  empty,
  caption,
  columns,
  keyOf,
  renderRow,
  children,
}: {
  title: string;
  subtitle: string;
  actions?: ReactNode;
  filters: readonly TableFilter<F>[];
  list: TableFilterState<F>;
  query: UseQueryResult<D>;
  rowsOf: (data: D) => T[];
  loadingLabel: string;
  empty: { title: string; body: string };
  /** The table's name for assistive technology (the caption is visually hidden). */
  caption: string;
  columns: readonly TableColumn[];
  keyOf: (row: T) => string;
  /** One `<tr>`, its first cell a `<th scope="row">`. */
  renderRow: (row: T) => ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="stack">
      <PageHeader title={title} subtitle={subtitle} actions={actions} />
      <div className="filters">
        {filters.map((filter) => (
          <SelectField
            key={filter.name}
            label={filter.label}
            value={list.filters[filter.name]}
            options={filter.options}
            onChange={(e) => list.setFilter(filter.name, e.target.value as F[typeof filter.name])}
          />
        ))}
      </div>
      <QueryView
        query={query}
        loadingLabel={loadingLabel}
        isEmpty={(d) => rowsOf(d).length === 0}
        empty={<EmptyState title={empty.title}>{empty.body}</EmptyState>}
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{caption}</caption>
                <thead>
                  <tr>
                    {columns.map((column) => (
                      <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
                        {column.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rowsOf(data).map((row) => (
                    <Fragment key={keyOf(row)}>{renderRow(row)}</Fragment>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination info={data.pagination} onPage={list.setPage} />
          </>
        )}
      </QueryView>
      {children}
    </div>
  );
}
