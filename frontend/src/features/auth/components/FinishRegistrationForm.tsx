import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button, FormAlert } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { completeRegistration } from '../api/auth';
import { eligibilityFields, eligibilitySchema, type EligibilityValues } from '../api/schemas';
import { EligibilityFields } from './EligibilityFields';

export function FinishRegistrationForm({ onFinished }: { onFinished: () => void }) {
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<EligibilityValues>({
    resolver: zodResolver(eligibilitySchema),
    mode: 'onTouched',
    defaultValues: { dateOfBirth: '', stateOfResidence: '', acceptedTerms: false, acceptedSweepstakesRules: false },
  });

  const onSubmit = handleSubmit(async (values) => {
    setBanner([]);
    try {
      await completeRegistration(values);
      onFinished();
    } catch (error) {
      setBanner(applyFieldErrors(error, setError, [...eligibilityFields]));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Finish registration">
      <FormAlert messages={banner} />
      <EligibilityFields register={register} errors={errors} state={watch('stateOfResidence')} />
      <Button type="submit" className="btn-block" busy={isSubmitting}>
        Finish registration
      </Button>
    </form>
  );
}
