import { useState } from 'react';
import { z } from '@/lib/zod';
import { Button, Card, FormAlert, PageHeader, TextField } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { formatDateTime } from '@/lib/format';
import { confirmAuthenticator, enrollAuthenticator } from '../api/stepUp';

const codeSchema = z.object({ code: z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator.') });
type CodeForm = z.infer<typeof codeSchema>;

interface Enrolment {
  secret: string;
  otpauthUri: string;
}

/** Groups the base32 secret in fours, as authenticator apps show it, so it can be typed in. */
function grouped(secret: string) {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Enrol an authenticator (RFC 6238): drawing execution, bans and point adjustments need its codes. */
export function SecurityPage() {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [confirmedAt, setConfirmedAt] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const { bind, submit, banner, formState } = useApiForm<CodeForm>({
    schema: codeSchema,
    defaultValues: { code: '' },
    fields: ['code'],
  });

  async function start() {
    setStarting(true);
    setStartError(null);
    try {
      setEnrolment(await enrollAuthenticator());
    } catch (error) {
      setStartError(errorMessage(error));
    } finally {
      setStarting(false);
    }
  }

  const onConfirm = submit(async ({ code }) => {
    setConfirmedAt((await confirmAuthenticator(code)).confirmedAt);
  });

  return (
    <div className="stack narrow">
      <PageHeader
        title="Security"
        subtitle="Executing, cancelling or redrawing a drawing, banning a member and adjusting points ask for a code from your authenticator."
      />
      {confirmedAt ? (
        <div className="alert alert-success" role="status">
          Authenticator confirmed {formatDateTime(confirmedAt)}. Codes from it now unlock protected actions.
        </div>
      ) : enrolment ? (
        <Card title="Add FitTrack to your authenticator">
          <p>Enter this key in your authenticator app (time-based, 6 digits, 30 seconds), or open the link on a phone.</p>
          <p className="mono" aria-label="Secret key">
            {grouped(enrolment.secret)}
          </p>
          <p>
            <a href={enrolment.otpauthUri}>Open in authenticator app</a>
          </p>
          <form onSubmit={onConfirm} noValidate>
            <FormAlert messages={banner} />
            <TextField label="Code from the app" inputMode="numeric" autoComplete="one-time-code" {...bind('code')} />
            <Button type="submit" busy={formState.isSubmitting}>
              Confirm authenticator
            </Button>
          </form>
        </Card>
      ) : (
        <Card title="Authenticator">
          {startError ? <FormAlert messages={[startError]} /> : null}
          <p>Set up an authenticator app once; if one is already active, this is refused and the existing one stays.</p>
          <Button onClick={() => void start()} busy={starting}>
            Set up authenticator
          </Button>
        </Card>
      )}
    </div>
  );
}
