import { SelectField, TextField } from '@/components';
import { UrlSearchForm, type SearchProps } from '@/features/admin/components/UrlSearchForm';
import { humanize } from '@/lib/format';
import { z } from '@/lib/zod';
import { ROLES, SORTS, STATUSES, type MemberFilters } from '../api/filters';

const searchSchema = z.object({
  email: z.string().max(320),
  displayName: z.string().max(30),
  // The selects offer only these; typed as the filters are, a search is a MemberFilters.
  status: z.enum(['', ...STATUSES]),
  role: z.enum(['', ...ROLES]),
  tier: z
    .string()
    .max(20)
    .regex(/^[A-Za-z0-9-]*$/, 'A tier code has letters, digits and dashes, e.g. F-30-39-BEG.'),
  sort: z.enum(SORTS.map((s) => s.value)),
});
const FIELDS = ['email', 'displayName', 'status', 'role', 'tier', 'sort'] as const;

const options = (values: readonly string[], all: string) => [
  { value: '', label: all },
  ...values.map((v) => ({ value: v, label: humanize(v) })),
];

export function MemberSearch(props: SearchProps<MemberFilters>) {
  return (
    <UrlSearchForm
      label="Search members"
      submitLabel="Search"
      schema={searchSchema}
      fields={FIELDS}
      {...props}
    >
      {(bind) => (
        <>
          <TextField label="Email starts with" type="search" autoComplete="off" {...bind('email')} />
          <TextField label="Display name starts with" type="search" autoComplete="off" {...bind('displayName')} />
          <SelectField label="Status" options={options(STATUSES, 'Any status')} {...bind('status')} />
          <SelectField label="Role" options={options(ROLES, 'Any role')} {...bind('role')} />
          <TextField label="Tier" placeholder="F-30-39-BEG" autoComplete="off" {...bind('tier')} />
          <SelectField label="Sort" options={SORTS} {...bind('sort')} />
        </>
      )}
    </UrlSearchForm>
  );
}
