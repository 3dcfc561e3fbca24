import { TableScroll } from '@/features/admin/components/TableScroll';
import { formatDay, formatNumber } from '@/lib/format';

export interface TableColumn<R> {
  header: string;
  value: (row: R) => number;
}

/** The numbers behind a chart, one row per bucket (its first day). */
export function SeriesTable<R extends { periodStart: string }>({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: R[];
  columns: TableColumn<R>[];
}) {
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Starting</th>
            {columns.map((c) => (
              <th key={c.header} scope="col" className="num">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.periodStart}>
              <th scope="row">{formatDay(row.periodStart)}</th>
              {columns.map((c) => (
                <td key={c.header} className="num">
                  {formatNumber(c.value(row))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
