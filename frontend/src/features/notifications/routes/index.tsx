import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, EmptyState, PageHeader, Pagination, QueryView, Tabs, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'unread', label: 'Unread' },
] as const;

/** Where a notification leads, from the ids its data carries. */
function linkFor(data: Record<string, unknown> | null | undefined): { to: string; label: string } | null {
  if (!data) return null;
  if (typeof data.fulfillmentId === 'string') return { to: '/prizes', label: 'See my prizes' };
  if (typeof data.drawingId === 'string') return { to: `/drawings/${data.drawingId}`, label: 'Open the drawing' };
  return null;
}

export function NotificationsPage() {
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useNotifications(page, filter === 'unread');
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const toast = useToast();
  const unread = list.data?.unreadCount ?? 0;

  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={list.data ? `${unread} unread` : undefined}
        actions={
          <Button
            variant="secondary"
            disabled={unread === 0}
            busy={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: (r) => toast({ title: `Marked ${r.markedRead} as read`, tone: 'success' }),
                onError: (e) => toast({ title: errorMessage(e), tone: 'error' }),
              })
            }
          >
            Mark all read
          </Button>
        }
      />
      <Tabs
        label="Which notifications"
        value={filter}
        onValueChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        items={FILTERS}
      >
        <QueryView
          query={list}
          loadingLabel="Loading notifications"
          isEmpty={(d) => d.items.length === 0}
          empty={
            <EmptyState title={filter === 'unread' ? 'You are all caught up' : 'No notifications yet'}>
              We let you know here when you win a prize, when it ships and when something about your account changes.
            </EmptyState>
          }
        >
          {(d) => (
            <>
              <ul className="stack notification-list">
                {d.items.map((n) => {
                  const link = linkFor(n.data);
                  return (
                    <li key={n.notificationId}>
                      <Card className={n.read ? 'notification' : 'notification notification-unread'}>
                        <div className="row">
                          {!n.read ? <span className="badge badge-open">New</span> : null}
                          <h2 className="card-title">{n.title}</h2>
                        </div>
                        <p>{n.body}</p>
                        <div className="row">
                          <span className="muted small">{formatDateTime(n.createdAt)}</span>
                          {link ? <Link to={link.to}>{link.label}</Link> : null}
                          {!n.read ? (
                            <Button
                              variant="ghost"
                              busy={markRead.isPending && markRead.variables === n.notificationId}
                              onClick={() =>
                                markRead.mutate(n.notificationId, {
                                  onError: (e) => toast({ title: errorMessage(e), tone: 'error' }),
                                })
                              }
                              aria-label={`Mark read: ${n.title}`}
                            >
                              Mark read
                            </Button>
                          ) : null}
                        </div>
                      </Card>
                    </li>
                  );
                })}
              </ul>
              <Pagination info={d.pagination} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Tabs>
    </>
  );
}
