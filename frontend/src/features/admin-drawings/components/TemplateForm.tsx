import { useFieldArray } from 'react-hook-form';
import { Button, FormAlert, SelectField, Spinner, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { useActiveSponsors } from '../api/prizes';
import { DRAWING_TYPES, prizeValues, templateFields, templateSchema, toTemplateIn, templateValues, type TemplateValues } from '../api/schemas';
import type { Template, TemplateIn } from '../api/templates';

const FULFILLMENT = [
  { value: 'physical', label: 'Physical' },
  { value: 'digital', label: 'Digital' },
];

/** A recurring template: the terms and prizes copied into each drawing the job creates from it. */
export function TemplateForm(props: { template?: Template; submitLabel: string; onSubmit: (body: TemplateIn) => Promise<unknown> }) {
  const sponsors = useActiveSponsors();
  if (sponsors.isPending) return <Spinner label="Loading sponsors" />;
  const options = (sponsors.data ?? []).map((s) => ({ value: s.sponsorId, label: s.name }));
  for (const p of props.template?.prizes ?? [])
    if (p.sponsorId && !options.some((o) => o.value === p.sponsorId)) options.push({ value: p.sponsorId, label: 'Inactive sponsor' });
  return <TemplateFields {...props} sponsorOptions={options} />;
}

function TemplateFields({
  template,
  submitLabel,
  onSubmit,
  sponsorOptions,
}: {
  template?: Template | undefined;
  submitLabel: string;
  onSubmit: (body: TemplateIn) => Promise<unknown>;
  sponsorOptions: { value: string; label: string }[];
}) {
  const { bind, submit, banner, formState, control } = useApiForm<TemplateValues>({
    schema: templateSchema,
    defaultValues: templateValues(template),
    fields: templateFields,
  });
  const prizes = useFieldArray({ control, name: 'prizes' });
  return (
    <form className="form" noValidate onSubmit={submit((values) => onSubmit(toTemplateIn(values, template?.isActive ?? true)))}>
      <FormAlert messages={banner} />
      <TextField label="Template name" autoComplete="off" {...bind('name')} />
      <SelectField label="Type" options={DRAWING_TYPES} hint="Sets when its drawings are held (21:00 New York)." {...bind('type')} />
      <TextField label="Description (optional)" autoComplete="off" {...bind('description')} />
      <TextField label="Ticket cost in points" inputMode="numeric" hint="Blank: the type's cost." {...bind('ticketCostPoints')} />
      <SelectField
        label="Who may buy tickets"
        options={[
          { value: 'all', label: 'Every eligible member' },
          { value: 'premium', label: 'Premium members only (tickets)' },
        ]}
        {...bind('eligibility.userType')}
      />
      <TextField label="Minimum account age in days" inputMode="numeric" {...bind('eligibility.minAccountAgeDays')} />
      <fieldset className="stack">
        <legend>Prizes (without any, its drawings start as drafts)</legend>
        {prizes.fields.map((field, i) => (
          <fieldset key={field.id} className="card">
            <legend>Prize {i + 1}</legend>
            <TextField label="Rank" inputMode="numeric" {...bind(`prizes.${i}.rank`)} />
            <TextField label="Prize name" autoComplete="off" {...bind(`prizes.${i}.name`)} />
            <TextField label="Value in USD" inputMode="decimal" {...bind(`prizes.${i}.valueUsd`)} />
            <TextField label="Quantity" inputMode="numeric" {...bind(`prizes.${i}.quantity`)} />
            <SelectField label="Fulfillment" options={FULFILLMENT} {...bind(`prizes.${i}.fulfillmentType`)} />
            <SelectField label="Sponsor (optional)" placeholder="No sponsor" options={sponsorOptions} {...bind(`prizes.${i}.sponsorId`)} />
            <Button variant="ghost" onClick={() => prizes.remove(i)}>
              Remove prize {i + 1}
            </Button>
          </fieldset>
        ))}
        <Button variant="secondary" onClick={() => prizes.append(prizeValues(undefined, prizes.fields.length + 1))}>
          Add a prize
        </Button>
      </fieldset>
      <Button type="submit" busy={formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
