import { useEffect } from 'react';
import { Button, FormAlert, SelectField, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { humanize } from '@/lib/format';
import { z } from '@/lib/zod';
import { ENTITY_TYPES, type AuditFilters } from '../api/audit';

const UUID = /^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^$|^\d{4}-\d{2}-\d{2}$/;
const searchSchema = z
  .object({
    actorId: z.string().trim().regex(UUID, 'An admin id looks like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed.'),
    entityType: z.string(),
    entityId: z.string().trim().regex(UUID, 'An entity id looks like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed.'),
    action: z
      .string()
      .trim()
      .max(100)
      .regex(/^$|^[a-z][a-z0-9_.]*$/, 'Actions are written like user.suspended or drawing.executed.'),
    from: z.string().regex(DAY),
    to: z.string().regex(DAY),
  })
  .refine((f) => !f.from || !f.to || f.to >= f.from, { path: ['to'], message: 'The last day cannot be before the first.' });
type SearchValues = z.infer<typeof searchSchema>;
const FIELDS = ['actorId', 'entityType', 'entityId', 'action', 'from', 'to'] as const;

export function AuditSearch({
  filters,
  onSearch,
  refusal,
}: {
  filters: AuditFilters;
  onSearch: (filters: AuditFilters) => void;
  refusal: unknown;
}) {
  const { bind, submit, banner, reset, setError } = useApiForm<SearchValues>({
    schema: searchSchema,
    defaultValues: filters,
    fields: FIELDS,
  });
  useEffect(() => reset(filters), [filters, reset]);
  useEffect(() => {
    if (refusal) applyFieldErrors(refusal, setError, FIELDS);
  }, [refusal, setError]);

  return (
    <form role="search" aria-label="Filter the audit log" onSubmit={submit(async (v) => onSearch({ ...v, page: 1 }))} noValidate>
      <FormAlert messages={banner} />
      <div className="filters">
        <TextField label="Actor (admin id)" autoComplete="off" {...bind('actorId')} />
        <SelectField
          label="Entity"
          options={[{ value: '', label: 'Any entity' }, ...ENTITY_TYPES.map((t) => ({ value: t, label: humanize(t) }))]}
          {...bind('entityType')}
        />
        <TextField label="Entity id" autoComplete="off" {...bind('entityId')} />
        <TextField label="Action" autoComplete="off" placeholder="user.banned" {...bind('action')} />
        <TextField label="From" type="date" {...bind('from')} />
        <TextField label="To" type="date" {...bind('to')} />
        <Button type="submit">Filter</Button>
      </div>
    </form>
  );
}
