import { useEffect } from 'react';
import { Button, FormAlert, SelectField, TextField } from '@/components';
import type { SeriesRange } from '@/features/admin/api/analytics';
import { applyFieldErrors } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { z } from '@/lib/zod';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const rangeSchema = z
  .object({
    from: z.string().regex(DAY, 'Choose the first day.'),
    to: z.string().regex(DAY, 'Choose the last day.'),
    interval: z.enum(['day', 'week', 'month']),
  })
  .refine((r) => r.to >= r.from, { path: ['to'], message: 'The last day cannot be before the first.' });
type RangeValues = z.infer<typeof rangeSchema>;
const FIELDS = ['from', 'to', 'interval'] as const;

const INTERVALS = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week (from Monday)' },
  { value: 'month', label: 'Month' },
];

/** From, to and interval; `shown` is the range the API answered, so the fields show the real days. */
export function RangeForm({
  shown,
  onChange,
  refusal,
}: {
  shown: RangeValues | null;
  onChange: (range: Required<SeriesRange>) => void;
  refusal: unknown;
}) {
  const { bind, submit, banner, reset, setError } = useApiForm<RangeValues>({
    schema: rangeSchema,
    defaultValues: { from: '', to: '', interval: 'day' },
    fields: FIELDS,
  });
  useEffect(() => {
    if (shown) reset(shown);
  }, [shown, reset]);
  useEffect(() => {
    if (refusal) applyFieldErrors(refusal, setError, FIELDS);
  }, [refusal, setError]);

  return (
    <form aria-label="Date range" onSubmit={submit(async (values) => onChange(values))} noValidate>
      <FormAlert messages={banner} />
      <div className="filters">
        <TextField label="From" type="date" {...bind('from')} />
        <TextField label="To" type="date" {...bind('to')} />
        <SelectField label="Interval" options={INTERVALS} {...bind('interval')} />
        <Button type="submit">Show</Button>
      </div>
    </form>
  );
}
