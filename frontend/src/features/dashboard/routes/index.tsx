import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, EmptyState, ErrorState, PageHeader, ProgressBar, QueryView, Spinner, Stat, useToast } from '@/components';
import { api } from '@/lib/api/client';
import { errorMessage, unwrap } from '@/lib/api/errors';
import { useBalance, useMe } from '@/lib/api/queries';
import { formatDateTime, formatNumber, formatPoints } from '@/lib/format';
import { useDailyProgress, useNextDrawing, useStreak } from '../api/dashboard';

function VerifyEmailNotice({ email }: { email: string }) {
  const toast = useToast();
  const [sending, setSending] = useState(false);
  async function resend() {
    setSending(true);
    try {
      await unwrap(api.POST('/api/v1/auth/resend-verification', { body: { email } }));
      toast({ title: 'Email sent', description: `We sent a new link to ${email}.`, tone: 'success' });
    } catch (error) {
      toast({ title: 'Could not resend', description: errorMessage(error), tone: 'error' });
    } finally {
      setSending(false);
    }
  }
  return (
    <div className="alert alert-info row">
      <p>Confirm your email address (check your inbox) before buying tickets.</p>
      <Button variant="secondary" busy={sending} onClick={() => void resend()}>
        Resend the email
      </Button>
    </div>
  );
}

function AccountNotices() {
  const me = useMe();
  if (!me.data) return null;
  const notices = [];
  if (!me.data.profile.complete)
    notices.push(
      <div key="profile" className="alert alert-info">
        <p>
          Your profile is not complete yet, so you are not earning points. <Link to="/profile/complete">Complete it</Link>.
        </p>
      </div>,
    );
  if (!me.data.emailVerified) notices.push(<VerifyEmailNotice key="email" email={me.data.email} />);
  if (me.data.connections.length === 0)
    notices.push(
      <div key="tracker" className="alert alert-info">
        <p>
          No tracker connected yet. <Link to="/connections">Connect one</Link> to start earning.
        </p>
      </div>,
    );
  return notices.length ? <div className="stack">{notices}</div> : null;
}

function BalanceCard() {
  const balance = useBalance();
  return (
    <Card title="Point balance">
      <QueryView query={balance} loadingLabel="Loading balance">
        {(b) => (
          <>
            <Stat label="points to spend" value={formatNumber(b.balance)} tone="points" />
            <p className="muted small">{formatNumber(b.lifetimePoints)} earned in all</p>
          </>
        )}
      </QueryView>
    </Card>
  );
}

function TodayCard() {
  const daily = useDailyProgress();
  return (
    <Card title="Today">
      <QueryView query={daily} loadingLabel="Loading today's points">
        {(d) => (
          <div className="stack">
            <div>
              <div className="row">
                <strong className="points">{formatNumber(d.pointsPaid)}</strong>
                <span className="muted">of {formatNumber(d.dailyCap)} points today</span>
              </div>
              <ProgressBar value={d.pointsPaid} max={d.dailyCap} label="Points today against the daily cap" />
            </div>
            <div>
              <div className="row">
                <strong>{formatNumber(d.steps.steps)}</strong>
                <span className="muted">of {formatNumber(d.stepGoal.goal)} steps</span>
                {d.stepGoal.reached ? <span className="badge badge-active">goal reached</span> : null}
              </div>
              <ProgressBar value={d.steps.steps} max={d.stepGoal.goal} label="Steps against the daily goal" tone="primary" />
            </div>
            <p className="muted small">
              {formatNumber(d.activeMinutes.activeMinutes)} active minutes · {d.workouts.qualifyingWorkouts} qualifying
              workouts · {formatNumber(d.remaining)} points left today
            </p>
          </div>
        )}
      </QueryView>
    </Card>
  );
}

function StreakCard() {
  const streak = useStreak();
  return (
    <Card title="Streak">
      <QueryView query={streak} loadingLabel="Loading streak">
        {(s) => (
          <>
            <Stat label={s.currentStreak === 1 ? 'active day in a row' : 'active days in a row'} value={s.currentStreak} />
            <p className="muted small">
              {s.activeToday
                ? 'Today counts as an active day.'
                : minutesToCount(s.activeMinutesNeeded - s.activeMinutesToday)}{' '}
              {s.daysToNextBonus > 0
                ? `${s.daysToNextBonus} more ${s.daysToNextBonus === 1 ? 'day' : 'days'} to the ${formatPoints(s.bonusPoints)} streak bonus.`
                : null}
            </p>
          </>
        )}
      </QueryView>
    </Card>
  );
}

function NextDrawingCard() {
  const next = useNextDrawing();
  return (
    <Card title="Next drawing">
      {next.isPending ? (
        <Spinner label="Loading drawings" />
      ) : next.isError ? (
        <ErrorState error={next.error} onRetry={() => void next.refetch()} />
      ) : next.data === null ? (
        <EmptyState title="No drawing is open right now">New drawings open automatically.</EmptyState>
      ) : (
        <>
          <h3>{next.data.name}</h3>
          <p className="muted small">
            Draws {formatDateTime(next.data.drawingTime)} · sales close {formatDateTime(next.data.salesCloseTime)}
          </p>
          <p className="small">
            {formatPoints(next.data.ticketCostPoints)} a ticket
            {next.data.myTickets ? ` · you hold ${formatNumber(next.data.myTickets)}` : ''}
          </p>
          <Link to={`/drawings/${next.data.drawingId}`} className="btn btn-primary">
            Get tickets
          </Link>
        </>
      )}
    </Card>
  );
}

export function DashboardPage() {
  const me = useMe();
  const name = me.data?.profile.displayName;
  return (
    <>
      <PageHeader title={name ? `Hi, ${name}` : 'Dashboard'} subtitle="Your points, progress and drawings at a glance." />
      <div className="stack">
        <AccountNotices />
        <div className="grid grid-2">
          <BalanceCard />
          <TodayCard />
          <StreakCard />
          <NextDrawingCard />
        </div>
      </div>
    </>
  );
}

function minutesToCount(missing: number) {
  const minutes = Math.max(missing, 0);
  return `${minutes} more active ${minutes === 1 ? 'minute makes' : 'minutes make'} today count.`;
}
