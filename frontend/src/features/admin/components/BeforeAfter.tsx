import './console.css';
/** An admin action's before and after, as indented JSON (the API's own field names). */
export function BeforeAfter({ before, after }: { before?: object | null; after?: object | null }) {
  if (!before && !after) return <span className="muted">—</span>;
  return (
    <dl className="before-after">
      <div>
        <dt>Before</dt>
        <dd>
          <pre className="mono">{before ? JSON.stringify(before, null, 2) : '—'}</pre>
        </dd>
      </div>
      <div>
        <dt>After</dt>
        <dd>
          <pre className="mono">{after ? JSON.stringify(after, null, 2) : '—'}</pre>
        </dd>
      </div>
    </dl>
  );
}
