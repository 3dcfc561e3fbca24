import { Button, FormAlert, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { register as registerAccount } from '../api/auth';
import { registerFields, registerSchema, type RegisterValues } from '../api/schemas';
import { EligibilityFields } from './EligibilityFields';

export function RegisterForm({ onRegistered }: { onRegistered: (email: string) => void }) {
  const { banner, bind, submit, watch, formState } = useApiForm<RegisterValues>({
    schema: registerSchema,
    mode: 'onTouched',
    fields: registerFields,
    defaultValues: {
      email: '',
      password: '',
      dateOfBirth: '',
      stateOfResidence: '',
      acceptedTerms: false,
      acceptedSweepstakesRules: false,
    },
  });

  const onSubmit = submit(async (values) => {
    const created = await registerAccount(values);
    onRegistered(created.email);
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Create your account">
      <FormAlert messages={banner} />
      <TextField label="Email" type="email" autoComplete="email" {...bind('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters with an upper-case letter, a lower-case letter, a digit and a symbol."
        {...bind('password')}
      />
      <EligibilityFields bind={bind} state={watch('stateOfResidence')} />
      <Button type="submit" className="btn-block" busy={formState.isSubmitting}>
        Create account
      </Button>
    </form>
  );
}
