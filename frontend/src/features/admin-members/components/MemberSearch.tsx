import { useEffect } from 'react';
import { z } from '@/lib/zod';
import { Button, FormAlert, SelectField, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { humanize } from '@/lib/format';
import { ROLES, SORTS, STATUSES, type MemberFilters } from '../api/filters';

const searchSchema = z.object({
  email: z.string().max(320),
  displayName: z.string().max(30),
  status: z.string(),
  role: z.string(),
  tier: z
    .string()
    .max(20)
    .regex(/^[A-Za-z0-9-]*$/, 'A tier code has letters, digits and dashes, e.g. F-30-39-BEG.'),
  sort: z.string(),
});
type SearchForm = z.infer<typeof searchSchema>;
const FIELDS = ['email', 'displayName', 'status', 'role', 'tier', 'sort'] as const;

const options = (values: readonly string[], all: string) => [
  { value: '', label: all },
  ...values.map((v) => ({ value: v, label: humanize(v) })),
];

/** The search form: filled from the URL, and a refused search (400) puts its errors on the fields. */
export function MemberSearch({
  filters,
  onSearch,
  refusal,
}: {
  filters: MemberFilters;
  onSearch: (filters: MemberFilters) => void;
  refusal: unknown;
}) {
  const { bind, submit, banner, reset, setError } = useApiForm<SearchForm>({
    schema: searchSchema,
    defaultValues: filters,
    fields: FIELDS,
  });

  // Back and forward change the URL under the form.
  useEffect(() => reset(filters), [filters, reset]);
  useEffect(() => {
    if (refusal) applyFieldErrors(refusal, setError, FIELDS);
  }, [refusal, setError]);

  const onSubmit = submit(async (values) => {
    onSearch({ ...(values as Omit<MemberFilters, 'page'>), page: 1 } as MemberFilters);
  });

  return (
    <form role="search" aria-label="Search members" onSubmit={onSubmit} noValidate>
      <FormAlert messages={banner} />
      <div className="filters">
        <TextField label="Email starts with" type="search" autoComplete="off" {...bind('email')} />
        <TextField label="Display name starts with" type="search" autoComplete="off" {...bind('displayName')} />
        <SelectField label="Status" options={options(STATUSES, 'Any status')} {...bind('status')} />
        <SelectField label="Role" options={options(ROLES, 'Any role')} {...bind('role')} />
        <TextField label="Tier" placeholder="F-30-39-BEG" autoComplete="off" {...bind('tier')} />
        <SelectField label="Sort" options={SORTS} {...bind('sort')} />
        <Button type="submit">Search</Button>
      </div>
    </form>
  );
}
