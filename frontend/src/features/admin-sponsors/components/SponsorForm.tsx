import { Button, FormAlert, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { sponsorFields, sponsorSchema, sponsorValues, toSponsorIn, type SponsorValues } from '../api/schemas';
import type { Sponsor, SponsorIn } from '../api/sponsors';
import { CurrentLogo } from './SponsorLogo';

/** Create or edit a sponsor; the API's field errors land on their fields. */
export function SponsorForm({
  sponsor,
  submitLabel,
  onSubmit,
}: {
  sponsor?: Sponsor;
  submitLabel: string;
  onSubmit: (body: SponsorIn) => Promise<unknown>;
}) {
  const { bind, submit, banner, formState } = useApiForm<SponsorValues>({
    schema: sponsorSchema,
    defaultValues: sponsorValues(sponsor),
    fields: sponsorFields,
  });
  return (
    <form className="form" noValidate onSubmit={submit((values) => onSubmit(toSponsorIn(values)))}>
      <FormAlert messages={banner} />
      <TextField label="Name" autoComplete="organization" {...bind('name')} />
      <TextField label="Contact name (optional)" autoComplete="off" {...bind('contactName')} />
      <TextField label="Contact email (optional)" type="email" autoComplete="off" {...bind('contactEmail')} />
      <TextField label="Website (optional)" type="url" placeholder="https://" {...bind('websiteUrl')} />
      <TextField
        label="Logo URL (optional)"
        type="url"
        placeholder="https://"
        hint={`The console shows it only from ${window.location.origin}: the site loads no images from other sites.`}
        {...bind('logoUrl')}
      />
      {sponsor ? <CurrentLogo sponsor={sponsor} /> : null}
      <Button type="submit" busy={formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}
