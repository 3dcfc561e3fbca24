import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, FormAlert, PageHeader, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { forgotSchema, useForgotPassword, type ForgotValues } from '../api/account';

export function ForgotPasswordPage() {
  const forgot = useForgotPassword();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { banner, bind, submit } = useApiForm<ForgotValues>({
    schema: forgotSchema,
    fields: ['email'],
    defaultValues: { email: '' },
  });

  return (
    <div className="narrow">
      <PageHeader title="Reset your password" />
      {sentTo ? (
        <Card>
          <p role="status">
            If an account uses <strong>{sentTo}</strong>, we have sent it a link to choose a new password. The link works
            once, within one hour.
          </p>
          <Link to="/login">Back to sign in</Link>
        </Card>
      ) : (
        <Card>
          <form
            className="form"
            noValidate
            onSubmit={submit(async ({ email }) => {
              await forgot.mutateAsync(email.trim());
              setSentTo(email.trim());
            })}
          >
            <p className="muted">Enter the email you registered with and we will send you a reset link.</p>
            <FormAlert messages={banner} />
            <TextField label="Email" type="email" autoComplete="email" {...bind('email')} />
            <Button type="submit" className="btn-block" busy={forgot.isPending}>
              Send reset link
            </Button>
            <Link to="/login">Back to sign in</Link>
          </form>
        </Card>
      )}
    </div>
  );
}
