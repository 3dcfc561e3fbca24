import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { z } from '@/lib/zod';
import { Button, Dialog, FormAlert, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import { ApiError } from '@/lib/api/errors';
import { isStepUpRequired, mayHaveRecentCode, verifyStepUp } from '../api/stepUp';

type Run = <T>(action: () => Promise<T>) => Promise<T>;

const StepUpContext = createContext<Run | null>(null);

const codeSchema = z.object({ code: z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator.') });
type CodeForm = z.infer<typeof codeSchema>;

/** What a cancelled prompt rejects with when no request was sent yet: the challenge's shape. */
function codeRequired() {
  return new ApiError({
    status: 401,
    type: 'https://fittrack.app/problems/insufficient-user-authentication',
    title: 'A recent one-time code is required',
    detail: 'This action needs a one-time code from your authenticator.',
  });
}

interface Pending {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Runs admin actions that may need a recent one-time code: when the API answers with the
 * RFC 9470 challenge, a dialog asks for the code, steps the session up and runs the action
 * once more. Closing the dialog rejects with the original problem.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const pending = useRef<Pending | null>(null);
  const [open, setOpen] = useState(false);
  const { bind, submit, banner, reset, formState } = useApiForm<CodeForm>({
    schema: codeSchema,
    defaultValues: { code: '' },
    fields: ['code'],
  });

  const askForCode = useCallback(
    () =>
      new Promise<void>((resolve, reject) => {
        pending.current = { resolve, reject };
        reset({ code: '' });
        setOpen(true);
      }),
    [reset],
  );

  const run = useCallback<Run>(
    async (action) => {
      // Asked first when the token cannot pass: the refused call would cost a round trip
      // (and the browser logs every 401 as a console error).
      if (!mayHaveRecentCode()) await askForCode().catch(() => Promise.reject(codeRequired()));
      try {
        return await action();
      } catch (error) {
        if (!isStepUpRequired(error)) throw error;
        await askForCode().catch(() => {
          throw error;
        });
        return action();
      }
    },
    [askForCode],
  );

  function close() {
    setOpen(false);
    pending.current?.reject(new Error('cancelled'));
    pending.current = null;
  }

  const onSubmit = submit(async ({ code }) => {
    await verifyStepUp(code);
    setOpen(false);
    pending.current?.resolve();
    pending.current = null;
  });

  return (
    <StepUpContext.Provider value={run}>
      {children}
      <Dialog
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title="Confirm with your authenticator"
        description="This action needs a one-time code from your authenticator app (valid for 15 minutes of admin actions)."
      >
        <form onSubmit={onSubmit} noValidate>
          <FormAlert messages={banner} />
          <TextField
            label="One-time code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            {...bind('code')}
          />
          <div className="row section">
            <Button type="submit" busy={formState.isSubmitting}>
              Confirm
            </Button>
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      </Dialog>
    </StepUpContext.Provider>
  );
}

/** `withStepUp(() => mutation.mutateAsync(...))`: prompts for a code when the API asks for one. */
export function useStepUp(): Run {
  const run = useContext(StepUpContext);
  if (!run) throw new Error('useStepUp needs the admin layout (StepUpProvider).');
  return run;
}
