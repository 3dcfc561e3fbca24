import type { HTMLAttributes, ReactNode } from 'react';

export function Card({
  title,
  actions,
  className,
  children,
  ...rest
}: HTMLAttributes<HTMLElement> & { title?: ReactNode; actions?: ReactNode }) {
  return (
    <section className={['card', className].filter(Boolean).join(' ')} {...rest}>
      {title || actions ? (
        <header className="card-header">
          {title ? <h2 className="card-title">{title}</h2> : null}
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function Stat({ label, value, tone }: { label: string; value: ReactNode; tone?: 'points' | 'prize' }) {
  return (
    <div className={['stat', tone ? `stat-${tone}` : ''].join(' ')}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
