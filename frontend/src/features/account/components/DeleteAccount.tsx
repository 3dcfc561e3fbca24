import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, TextField, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';
import { useDeleteAccount } from '../api/account';

const CONFIRM_WORD = 'DELETE';

/** Deleting asks for the word typed out: the API takes no other confirmation. */
export function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete my account
      </Button>
      <Dialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) setTyped('');
        }}
        title="Delete your account?"
        description="Your profile is anonymised at once and your data purged within 30 days. Your points, tickets and any unclaimed prizes are lost. This cannot be undone."
      >
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed !== CONFIRM_WORD) return;
            remove.mutate(undefined, {
              onSuccess: () => {
                sessionStore.clear();
                toast({ title: 'Your account is deleted', tone: 'success', forNextPage: true });
                navigate('/');
              },
              onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
            });
          }}
        >
          <TextField
            label={`Type ${CONFIRM_WORD} to confirm`}
            value={typed}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
          />
          <Button type="submit" variant="danger" disabled={typed !== CONFIRM_WORD} busy={remove.isPending}>
            Delete my account for good
          </Button>
        </form>
      </Dialog>
    </>
  );
}
