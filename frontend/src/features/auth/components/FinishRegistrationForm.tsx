import { Button, FormAlert } from '@/components';
import { useApiForm } from '@/lib/forms';
import { completeRegistration } from '../api/auth';
import { eligibilityFields, eligibilitySchema, type EligibilityValues } from '../api/schemas';
import { EligibilityFields } from './EligibilityFields';

export function FinishRegistrationForm({ onFinished }: { onFinished: () => void }) {
  const { banner, bind, submit, watch, formState } = useApiForm<EligibilityValues>({
    schema: eligibilitySchema,
    mode: 'onTouched',
    fields: eligibilityFields,
    defaultValues: { dateOfBirth: '', stateOfResidence: '', acceptedTerms: false, acceptedSweepstakesRules: false },
  });

  const onSubmit = submit(async (values) => {
    await completeRegistration(values);
    onFinished();
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Finish registration">
      <FormAlert messages={banner} />
      <EligibilityFields bind={bind} state={watch('stateOfResidence')} />
      <Button type="submit" className="btn-block" busy={formState.isSubmitting}>
        Finish registration
      </Button>
    </form>
  );
}
