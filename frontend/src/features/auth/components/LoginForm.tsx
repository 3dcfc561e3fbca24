import { Link } from 'react-router-dom';
import { Button, FormAlert, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { login } from '../api/auth';
import { loginSchema, type LoginValues } from '../api/schemas';

export function LoginForm({ onSignedIn }: { onSignedIn: () => void | Promise<void> }) {
  const { banner, bind, submit, formState } = useApiForm<LoginValues>({
    schema: loginSchema,
    fields: ['email', 'password'],
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = submit(async (values) => {
    await login(values);
    await onSignedIn();
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert messages={banner} />
      <TextField label="Email" type="email" autoComplete="email" {...bind('email')} />
      <TextField label="Password" type="password" autoComplete="current-password" {...bind('password')} />
      <Button type="submit" className="btn-block" busy={formState.isSubmitting}>
        Sign in
      </Button>
      <p className="small">
        <Link to="/forgot-password">Forgot your password?</Link> · <Link to="/appeal">Appeal a ban</Link>
      </p>
    </form>
  );
}
