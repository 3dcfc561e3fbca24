import { Button, FormAlert, SelectField, Spinner, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { useActiveSponsors, type DrawingPrize, type PrizeIn } from '../api/prizes';
import { prizeFields, prizeSchema, prizeValues, toPrizeIn, type PrizeValues } from '../api/schemas';

const FULFILLMENT = [
  { value: 'physical', label: 'Physical (shipped to a US address)' },
  { value: 'digital', label: 'Digital (sent to an email)' },
];

/** The sponsors to choose from: the active ones, plus the prize's own if it was deactivated since. */
function useSponsorOptions(prize?: DrawingPrize) {
  const sponsors = useActiveSponsors();
  const options = (sponsors.data ?? []).map((s) => ({ value: s.sponsorId, label: s.name }));
  const own = prize?.sponsor;
  if (own && !options.some((o) => o.value === own.sponsorId)) options.push({ value: own.sponsorId, label: `${own.name} (inactive)` });
  return { options, loading: sponsors.isPending };
}

/** Waits for the sponsors, so an uncontrolled select can show the prize's own when editing. */
export function PrizeForm(props: PrizeFormProps) {
  const sponsors = useSponsorOptions(props.prize);
  if (sponsors.loading) return <Spinner label="Loading sponsors" />;
  return <PrizeFields {...props} sponsorOptions={sponsors.options} />;
}

interface PrizeFormProps {
  prize?: DrawingPrize | undefined;
  nextRank?: number;
  submitLabel: string;
  onSubmit: (body: PrizeIn) => Promise<unknown>;
}

function PrizeFields({
  prize,
  nextRank,
  submitLabel,
  onSubmit,
  sponsorOptions,
}: PrizeFormProps & { sponsorOptions: { value: string; label: string }[] }) {
  const { bind, submit, banner, formState } = useApiForm<PrizeValues>({
    schema: prizeSchema,
    defaultValues: prizeValues(prize, nextRank),
    fields: prizeFields,
  });
  return (
    <form className="form" noValidate onSubmit={submit((values) => onSubmit(toPrizeIn(values)))}>
      <FormAlert messages={banner} />
      <TextField label="Rank" inputMode="numeric" hint="1 is the top prize; each rank once per drawing." {...bind('rank')} />
      <TextField label="Prize name" autoComplete="off" {...bind('name')} />
      <TextField label="Description (optional)" autoComplete="off" {...bind('description')} />
      <TextField label="Value in USD" inputMode="decimal" hint="$600 or more needs the winner's tax details." {...bind('valueUsd')} />
      <TextField label="Quantity" inputMode="numeric" {...bind('quantity')} />
      <SelectField label="Fulfillment" options={FULFILLMENT} {...bind('fulfillmentType')} />
      <SelectField
        label="Sponsor (optional)"
        placeholder="No sponsor"
        options={sponsorOptions}
        {...bind('sponsorId')}
      />
      <TextField label="Image URL (optional)" type="url" placeholder="https://" {...bind('imageUrl')} />
      <Button type="submit" busy={formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
