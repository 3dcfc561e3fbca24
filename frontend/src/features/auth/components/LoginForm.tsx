import { Link } from 'react-router-dom';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button, FormAlert, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { login } from '../api/auth';
import { loginSchema, type LoginValues } from '../api/schemas';

export function LoginForm({ onSignedIn }: { onSignedIn: () => void | Promise<void> }) {
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    setBanner([]);
    try {
      await login(values);
      await onSignedIn();
    } catch (error) {
      setBanner(applyFieldErrors(error, setError, ['email', 'password']));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert messages={banner} />
      <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...register('password')}
      />
      <Button type="submit" className="btn-block" busy={isSubmitting}>
        Sign in
      </Button>
      <p className="small">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </form>
  );
}
