import type { ReactNode } from 'react';
import './console.css';

/**
 * The console's wide tables scroll sideways on a phone; a scrolling region must be reachable
 * by keyboard (axe scrollable-region-focusable), so it takes focus and is named after its table.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
