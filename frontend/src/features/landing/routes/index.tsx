import { Link } from 'react-router-dom';
import { Card, EmptyState, QueryView } from '@/components';
import { useSession } from '@/lib/auth/useSession';
import { formatDate, formatDateTime, formatUsd, humanize } from '@/lib/format';
import { usePrizeShowcase, useRecentWinners } from '../api/public';

const HOW_IT_WORKS = [
  { title: 'Connect a tracker', body: 'Link Fitbit (Google Health) or Google Fit. We sync every 15 minutes.' },
  {
    title: 'Earn points',
    body: '10 points per 1,000 steps, points for active minutes, bonuses for workouts, goals and streaks — up to 1,000 a day.',
  },
  { title: 'Compete fairly', body: 'Leaderboards rank you inside a tier of people your age, sex and fitness level.' },
  { title: 'Win prizes', body: 'Spend points on tickets for daily, weekly, monthly and annual drawings anyone can verify.' },
];

function PrizeShowcase() {
  const prizes = usePrizeShowcase();
  return (
    <QueryView
      query={prizes}
      loadingLabel="Loading prizes"
      isEmpty={(d) => d.items.length === 0}
      empty={<EmptyState title="No prizes on show right now">New drawings open every day — check back soon.</EmptyState>}
    >
      {(data) => (
        <div className="grid grid-3">
          {data.items.map((p) => (
            <Card key={p.prizeId} className="card-prize">
              <div className="prize-value">{formatUsd(p.valueUsd)}</div>
              <h3>{p.name}</h3>
              {p.description ? <p className="muted small">{p.description}</p> : null}
              <p className="small">
                <span className="badge badge-prize">{humanize(p.drawingType)}</span>{' '}
                <Link to={`/drawings/${p.drawingId}`}>{p.drawingName}</Link> · draws {formatDateTime(p.drawingTime)}
              </p>
              {p.sponsor ? <p className="muted small">Sponsored by {p.sponsor.name}</p> : null}
            </Card>
          ))}
        </div>
      )}
    </QueryView>
  );
}

function RecentWinners() {
  const winners = useRecentWinners();
  return (
    <Card>
      <QueryView
        query={winners}
        loadingLabel="Loading winners"
        isEmpty={(d) => d.winners.length === 0}
        empty={<EmptyState title="No winners yet">The first drawings have not run yet.</EmptyState>}
      >
        {(data) => (
          <ul className="list">
            {data.winners.map((w) => (
              <li key={`${w.drawingId}-${w.ticketNumber}`}>
                <strong>{w.displayName}</strong> won <span className="prize">{w.prizeName}</span> (
                {formatUsd(w.prizeValueUsd)}) in <Link to={`/drawings/${w.drawingId}`}>{w.drawingName}</Link>
                <div className="muted small">
                  Ticket #{w.ticketNumber} · {formatDate(w.wonAt)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}

export function LandingPage() {
  const session = useSession();
  return (
    <>
      <section className="hero">
        <h1>Your steps are worth something.</h1>
        <p>
          FitTrack turns the exercise your tracker already records into points, and points into tickets for prize
          drawings. Free to join, no purchase necessary.
        </p>
        <div className="row">
          {session ? (
            <Link to="/dashboard" className="btn btn-secondary">
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link to="/register" className="btn btn-secondary">
                Join free
              </Link>
              <Link to="/login" className="header-link">
                I already have an account
              </Link>
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="how">
        <h2 id="how">How it works</h2>
        <ol className="steps-list grid grid-2">
          {HOW_IT_WORKS.map((step) => (
            <li key={step.title} className="card">
              <h3>{step.title}</h3>
              <p className="muted">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="section" aria-labelledby="prizes">
        <div className="page-header">
          <h2 id="prizes">Prizes up for grabs</h2>
          <Link to="/drawings">All drawings</Link>
        </div>
        <PrizeShowcase />
      </section>

      <section className="section" aria-labelledby="winners">
        <h2 id="winners">Recent winners</h2>
        <RecentWinners />
      </section>
    </>
  );
}

export function NotFoundPage() {
  return (
    <div className="narrow">
      <Card>
        <h1>Page not found</h1>
        <p className="muted">That page does not exist.</p>
        <Link to="/" className="btn btn-primary">
          Back to FitTrack
        </Link>
      </Card>
    </div>
  );
}
