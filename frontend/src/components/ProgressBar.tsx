export function ProgressBar({
  value,
  max,
  label,
  tone = 'points',
}: {
  value: number;
  max: number;
  label: string;
  tone?: 'points' | 'primary' | 'prize';
}) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
    >
      {/* Set through the CSSOM by React, which CSP style-src 'self' allows (unlike style attributes in HTML). */}
      <div className={`progress-fill progress-${tone}`} style={{ width: `${pct}%` }} />
    </div>
  );
}
