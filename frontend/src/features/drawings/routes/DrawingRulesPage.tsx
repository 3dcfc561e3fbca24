import { Link, useParams } from 'react-router-dom';
import { Card, PageHeader, QueryView } from '@/components';
import { formatDateTime, formatUsd } from '@/lib/format';
import { useDrawingRules } from '../api/drawings';

export function DrawingRulesPage() {
  const { drawingId = '' } = useParams();
  const rules = useDrawingRules(drawingId);
  return (
    <QueryView query={rules} loadingLabel="Loading the official rules">
      {(r) => (
        <>
          <PageHeader title={`Official rules: ${r.name}`} subtitle={<Link to={`/drawings/${r.drawingId}`}>Back to the drawing</Link>} />
          <Card>
            <p>
              Sales close {formatDateTime(r.salesCloseTime)}; the draw is {formatDateTime(r.drawingTime)}. Total prize value{' '}
              {formatUsd(r.totalPrizeValueUsd)}.
            </p>
            <p>{r.oddsStatement}</p>
            {r.eligibility.length > 0 ? (
              <ul aria-label="Eligibility">
                {r.eligibility.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </Card>
          {r.sections.map((section) => (
            <Card key={section.title}>
              <h2>{section.title}</h2>
              <p className="rules-body">{section.body}</p>
            </Card>
          ))}
        </>
      )}
    </QueryView>
  );
}
