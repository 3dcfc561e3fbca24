import { SelectField, TextField } from '@/components';
import { UrlSearchForm, type SearchProps } from '@/features/admin/components/UrlSearchForm';
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
const FIELDS = ['actorId', 'entityType', 'entityId', 'action', 'from', 'to'] as const;

export function AuditSearch(props: SearchProps<AuditFilters>) {
  return (
    <UrlSearchForm
      label="Filter the audit log"
      submitLabel="Filter"
      schema={searchSchema}
      fields={FIELDS}
      {...props}
    >
      {(bind) => (
        <>
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
        </>
      )}
    </UrlSearchForm>
  );
}
