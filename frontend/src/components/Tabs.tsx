import * as RadixTabs from '@radix-ui/react-tabs';
import type { ReactNode } from 'react';

export function Tabs<T extends string>({
  value,
  onValueChange,
  items,
  label,
  children,
}: {
  value: T;
  onValueChange: (value: T) => void;
  items: readonly { value: T; label: string }[];
  label: string;
  children: ReactNode;
}) {
  return (
    <RadixTabs.Root value={value} onValueChange={(v) => onValueChange(v as T)} className="tabs">
      <RadixTabs.List className="tabs-list" aria-label={label}>
        {items.map((item) => (
          <RadixTabs.Trigger key={item.value} value={item.value} className="tabs-trigger">
            {item.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      <RadixTabs.Content value={value} className="tabs-content">
        {children}
      </RadixTabs.Content>
    </RadixTabs.Root>
  );
}
