import { formatDateTime, formatNumber } from '@/lib/format';

export interface CheckpointView {
  size: number;
  head: string;
  /** When this browser read it (ISO time). */
  seenAt: string;
}

/** A transparency-log checkpoint as a member can compare it with anyone else's copy. */
export function CheckpointSeen({ label, checkpoint }: { label: string; checkpoint: CheckpointView }) {
  return (
    <dl className="summary-list small" aria-label={label}>
      <dt>Log size</dt>
      <dd>{formatNumber(checkpoint.size)} entries</dd>
      <dt>Log head</dt>
      <dd className="mono">{checkpoint.head}</dd>
      <dt>Seen</dt>
      <dd>
        <time dateTime={checkpoint.seenAt}>{formatDateTime(checkpoint.seenAt)}</time>
      </dd>
    </dl>
  );
}
