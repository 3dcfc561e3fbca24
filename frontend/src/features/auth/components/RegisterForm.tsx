import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormRegister } from 'react-hook-form';
import { Button, FormAlert, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { register as registerAccount } from '../api/auth';
import { registerFields, registerSchema, type EligibilityValues, type RegisterValues } from '../api/schemas';
import { EligibilityFields } from './EligibilityFields';

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
      <EligibilityFields
        register={register as unknown as UseFormRegister<EligibilityValues>}
        errors={errors}
        state={state}
      />
      <Button type="submit" className="btn-block" busy={isSubmitting}>
        Create account
      </Button>
    </form>
  );
}
