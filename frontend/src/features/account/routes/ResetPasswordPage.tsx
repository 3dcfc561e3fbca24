import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, EmptyState, FormAlert, PageHeader } from '@/components';
import { sessionStore } from '@/lib/auth/session';
import { useApiForm } from '@/lib/forms';
import { resetSchema, useResetPassword, type ResetValues } from '../api/account';
import { NewPasswordFields } from '../components/NewPasswordFields';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const [done, setDone] = useState(false);
  const { banner, bind, submit } = useApiForm<ResetValues>({
    schema: resetSchema,
    fields: ['password'],
    defaultValues: { password: '', confirm: '' },
  });

  if (!token)
    return (
      <div className="narrow">
        <PageHeader title="Choose a new password" />
        <EmptyState title="This link is incomplete">
          Open the link from the email again, or <Link to="/forgot-password">ask for a new one</Link>.
        </EmptyState>
      </div>
    );

  return (
    <div className="narrow">
      <PageHeader title="Choose a new password" />
      <Card>
        {done ? (
          <>
            <p className="alert alert-success" role="status">
              Your password is changed and every session has ended.
            </p>
            <Link to="/login" className="btn btn-primary">
              Sign in
            </Link>
          </>
        ) : (
          <form
            className="form"
            noValidate
            onSubmit={submit(async ({ password }) => {
              await reset.mutateAsync({ token, password });
              sessionStore.clear();
              setDone(true);
            })}
          >
            <FormAlert messages={banner} />
            {banner.length > 0 ? (
              <p className="small">
                <Link to="/forgot-password">Ask for a new link</Link>
              </p>
            ) : null}
            <NewPasswordFields password={bind('password')} confirm={bind('confirm')} />
            <Button type="submit" className="btn-block" busy={reset.isPending}>
              Set new password
            </Button>
          </form>
        )}
      </Card>
    </div>
  );
}
