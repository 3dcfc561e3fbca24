import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, FormAlert, PageHeader, TextAreaField, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { publicAppealSchema, useSubmitPublicAppeal, type PublicAppealValues } from '../api/appeals';

/** A banned member cannot sign in, so they appeal here; an emailed link confirms it. The answer
 * never says whether the address has an account (the API answers alike for any). */
export function PublicAppealPage() {
  const send = useSubmitPublicAppeal();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { bind, submit, banner } = useApiForm<PublicAppealValues>({
    schema: publicAppealSchema,
    defaultValues: { email: '', message: '' },
    fields: ['email', 'message'],
  });

  return (
    <div className="narrow">
      <PageHeader title="Appeal a ban" />
      {sentTo ? (
        <Card>
          <p role="status">
            Check your email. If <strong>{sentTo}</strong> belongs to a banned account, we have sent it a link to confirm
            the appeal. It works once, within 24 hours; our team sees the appeal once it is confirmed.
          </p>
          <Link to="/">Back to FitTrack</Link>
        </Card>
      ) : (
        <Card>
          <form
            className="form"
            noValidate
            onSubmit={submit(async (values) => {
              const body = { email: values.email.trim(), message: values.message.trim() };
              await send.mutateAsync(body);
              setSentTo(body.email);
            })}
          >
            <p className="muted">
              If your account was banned, tell us why the decision should change. We email you a link to confirm that the
              appeal is yours. A suspended account can sign in and appeal from the app.
            </p>
            <FormAlert messages={banner} />
            <TextField label="Email of the account" type="email" autoComplete="email" {...bind('email')} />
            <TextAreaField label="Your appeal" rows={6} maxLength={2000} {...bind('message')} />
            <Button type="submit" className="btn-block" busy={send.isPending}>
              Send appeal
            </Button>
          </form>
        </Card>
      )}
    </div>
  );
}
