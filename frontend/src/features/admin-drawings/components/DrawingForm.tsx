import { Button, FormAlert, SelectField, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { DRAWING_TYPES, drawingFields, drawingSchema, toDrawingBody, type DrawingValues } from '../api/schemas';
import type { DrawingCreate } from '../api/drawings';

const USER_TYPES = [
  { value: 'all', label: 'Every eligible member' },
  { value: 'premium', label: 'Premium members only (tickets); free entry stays open to all' },
];

/** Create or edit a drawing's terms; the API's field errors (times, cost, eligibility) land on their fields. */
export function DrawingForm({
  initial,
  submitLabel,
  onSubmit,
}: {
  initial: DrawingValues;
  submitLabel: string;
  onSubmit: (body: Required<DrawingCreate>) => Promise<unknown>;
}) {
  const { bind, submit, banner, formState } = useApiForm<DrawingValues>({
    schema: drawingSchema,
    defaultValues: initial,
    fields: drawingFields,
  });
  return (
    <form className="form" noValidate onSubmit={submit((values) => onSubmit(toDrawingBody(values)))}>
      <FormAlert messages={banner} />
      <TextField label="Name" autoComplete="off" {...bind('name')} />
      <SelectField label="Type" options={DRAWING_TYPES} {...bind('type')} />
      <TextField label="Description (optional)" autoComplete="off" {...bind('description')} />
      <TextField
        label="Ticket cost in points"
        inputMode="numeric"
        hint="Leave blank for the type's cost: daily 100, weekly 500, monthly 2,000, annual 10,000."
        {...bind('ticketCostPoints')}
      />
      <TextField
        label="Drawing time"
        type="datetime-local"
        hint="Your local time. Leave blank for the type's next drawing time (21:00 New York). Sales close 5 minutes before."
        {...bind('drawingTime')}
      />
      <TextField
        label="Opens at (optional)"
        type="datetime-local"
        hint="When ticket sales start once scheduled; blank opens at once."
        {...bind('opensAt')}
      />
      <SelectField label="Who may buy tickets" options={USER_TYPES} {...bind('eligibility.userType')} />
      <TextField label="Minimum account age in days" inputMode="numeric" {...bind('eligibility.minAccountAgeDays')} />
      <Button type="submit" busy={formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
