import { useState } from 'react';
import { Card, EmptyState, PageHeader, Pagination, QueryView, SelectField, Stat } from '@/components';
import { useBalance } from '@/lib/api/queries';
import { formatDateTime, formatDay, formatNumber, humanize } from '@/lib/format';
import { useLedger, type EntryType } from '../api/points';

export function PointsPage() {
  const [page, setPage] = useState(1);
  const [type, setType] = useState<EntryType | ''>('');
  const balance = useBalance();
  const ledger = useLedger(page, type);

  return (
    <>
      <PageHeader title="Points" subtitle="Every change to your balance, with the balance after it." />
      <div className="grid grid-3">
        <QueryView query={balance} loadingLabel="Loading balance">
          {(b) => (
            <>
              <Card>
                <Stat label="balance" value={formatNumber(b.balance)} tone="points" />
              </Card>
              <Card>
                <Stat label="earned in all" value={formatNumber(b.lifetimePoints)} />
              </Card>
              <Card>
                <Stat label={`today, of ${formatNumber(b.dailyCap)}`} value={formatNumber(b.pointsToday)} />
                {b.earningFrom ? <p className="muted small">Earning since {formatDay(b.earningFrom)}</p> : null}
              </Card>
            </>
          )}
        </QueryView>
      </div>
      <Card className="section" title="Ledger">
        <div className="filters">
          <SelectField
            label="Entry type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as EntryType | '');
              setPage(1);
            }}
            options={[
              { value: '', label: 'All entries' },
              { value: 'earn', label: 'Earned' },
              { value: 'spend', label: 'Spent' },
              { value: 'adjust', label: 'Adjustments' },
              { value: 'refund', label: 'Refunds' },
            ]}
          />
        </div>
        <QueryView
          query={ledger}
          loadingLabel="Loading ledger"
          isEmpty={(d) => d.transactions.length === 0}
          empty={<EmptyState title="No ledger entries yet">Points you earn and spend are listed here.</EmptyState>}
        >
          {(data) => (
            <>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Type</th>
                      <th scope="col">Reason</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Balance
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.transactions.map((t) => (
                      <tr key={t.entryId}>
                        <td className="small">{formatDateTime(t.createdAt)}</td>
                        <td>{humanize(t.entryType)}</td>
                        <td>{t.reason ?? '—'}</td>
                        <td className={`num ${t.amount >= 0 ? 'points' : 'negative'}`}>
                          {t.amount >= 0 ? '+' : '−'}
                          {formatNumber(Math.abs(t.amount))}
                        </td>
                        <td className="num">{formatNumber(t.balanceAfter)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination info={data.pagination} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Card>
    </>
  );
}
