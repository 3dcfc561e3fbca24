import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button, Checkbox, FormAlert, SelectField, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { EXCLUDED_STATES, EXCLUDED_STATES_EXPLANATION, US_STATES } from '@/lib/eligibility';
import { register as registerAccount } from '../api/auth';
import { registerFields, registerSchema, type RegisterValues } from '../api/schemas';

const stateOptions = US_STATES.map((s) => ({
  value: s.code,
  label: s.code in EXCLUDED_STATES ? `${s.name} (not eligible)` : s.name,
}));

export function RegisterForm({ onRegistered }: { onRegistered: (email: string) => void }) {
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    mode: 'onTouched',
    defaultValues: {
      email: '',
      password: '',
      dateOfBirth: '',
      stateOfResidence: '',
      acceptedTerms: false,
      acceptedSweepstakesRules: false,
    },
  });
  const state = watch('stateOfResidence');

  const onSubmit = handleSubmit(async (values) => {
    setBanner([]);
    try {
      const created = await registerAccount(values);
      onRegistered(created.email);
    } catch (error) {
      setBanner(applyFieldErrors(error, setError, registerFields));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Create your account">
      <FormAlert messages={banner} />
      <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters with an upper-case letter, a lower-case letter, a digit and a symbol."
        error={errors.password?.message}
        {...register('password')}
      />
      <TextField
        label="Date of birth"
        type="date"
        autoComplete="bday"
        hint="You must be 18 or older. Your date of birth cannot be changed later."
        error={errors.dateOfBirth?.message}
        {...register('dateOfBirth')}
      />
      <SelectField
        label="State of residence"
        placeholder="Choose a state"
        options={stateOptions}
        hint="Open to residents of the 50 states and DC, except New York, Florida and Rhode Island."
        error={errors.stateOfResidence?.message}
        {...register('stateOfResidence')}
      />
      {state in EXCLUDED_STATES ? (
        <div className="alert alert-info" role="note">
          <p>{EXCLUDED_STATES_EXPLANATION}</p>
        </div>
      ) : null}
      <Checkbox
        label={
          <>
            I accept the <strong>Terms of Service</strong>.
          </>
        }
        error={errors.acceptedTerms?.message}
        {...register('acceptedTerms')}
      />
      <Checkbox
        label={
          <>
            I accept the <strong>Sweepstakes Rules</strong> (no purchase necessary).
          </>
        }
        error={errors.acceptedSweepstakesRules?.message}
        {...register('acceptedSweepstakesRules')}
      />
      <Button type="submit" className="btn-block" busy={isSubmitting}>
        Create account
      </Button>
    </form>
  );
}
