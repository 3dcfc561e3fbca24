import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Checkbox, EmptyState, FormAlert, PageHeader, QueryView, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import {
  changedChoices,
  useNotificationPreferences,
  useUpdateNotificationPreferences,
  type KindPreference,
  type NotificationKind,
} from '../api/preferences';

const REQUIRED_REASON = 'Required: you must know this to claim or keep a prize, or about changes to your account.';

function PreferencesForm({ kinds, updatedAt }: { kinds: KindPreference[]; updatedAt: string | null }) {
  const update = useUpdateNotificationPreferences();
  const toast = useToast();
  const [choices, setChoices] = useState<Partial<Record<NotificationKind, boolean>>>({});
  const [banner, setBanner] = useState<string[]>([]);
  const changes = changedChoices(kinds, choices);
  const dirty = Object.keys(changes).length > 0;

  return (
    <form
      className="form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBanner([]);
        if (!dirty) return;
        try {
          await update.mutateAsync(changes);
          setChoices({});
          toast({ title: 'Notification preferences saved', tone: 'success' });
        } catch (error) {
          setBanner([errorMessage(error)]);
        }
      }}
    >
      <FormAlert messages={banner} />
      <p className="muted">In-app notifications are always on; choose which kinds also come by email.</p>
      <ul className="list">
        {kinds.map((k) => (
          <li key={k.kind}>
            <strong>{k.label}</strong>
            <Checkbox
              label={`Email me: ${k.label}`}
              checked={k.emailRequired ? true : choices[k.kind] ?? k.email}
              disabled={k.emailRequired}
              aria-describedby={`pref-${k.kind}-note`}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setChoices((c) => ({ ...c, [k.kind]: checked }));
              }}
            />
            <p className="muted small" id={`pref-${k.kind}-note`}>
              {k.emailRequired ? `${REQUIRED_REASON} ` : ''}In-app: always on.
            </p>
          </li>
        ))}
      </ul>
      {updatedAt ? <p className="muted small">Last changed {formatDateTime(updatedAt)}</p> : null}
      <Button type="submit" busy={update.isPending} disabled={!dirty}>
        Save preferences
      </Button>
    </form>
  );
}

export function NotificationPreferencesPage() {
  const prefs = useNotificationPreferences();
  return (
    <div className="narrow">
      <PageHeader title="Notification preferences" subtitle={<Link to="/account">Back to account</Link>} />
      <Card>
        <QueryView
          query={prefs}
          loadingLabel="Loading notification preferences"
          isEmpty={(d) => d.kinds.length === 0}
          empty={<EmptyState title="No notification settings to choose" />}
        >
          {(d) => <PreferencesForm kinds={d.kinds} updatedAt={d.updatedAt} />}
        </QueryView>
      </Card>
    </div>
  );
}
