import { useState } from 'react';
import { z } from '@/lib/zod';
import { Button, Dialog, FormAlert, TextField, useToast } from '@/components';
import { errorMessage } from '@/lib/api/errors';
import { useApiForm } from '@/lib/forms';
import { useUpdateFulfillment, type Fulfillment } from '../api/fulfillments';

const notesSchema = z.object({ notes: z.string().trim().max(4000, 'At most 4,000 characters.') });
type NotesValues = z.input<typeof notesSchema>;

/** Admins' own notes on a prize (the winner never sees them); blank clears them. */
export function EditNotes({ item }: { item: Fulfillment }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateFulfillment(item.fulfillmentId);
  const toast = useToast();
  const { bind, submit, banner, formState } = useApiForm<NotesValues>({
    schema: notesSchema,
    defaultValues: { notes: item.notes ?? '' },
    fields: ['notes'],
  });
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)} aria-label={`Notes on ${item.prizeName}`}>
        Notes
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Notes on ${item.prizeName}`} description="Only admins see these.">
        <form
          className="form"
          noValidate
          onSubmit={submit(async ({ notes }) => {
            await update.mutateAsync({ notes: notes.trim() || null });
            setOpen(false);
            toast({ title: 'Notes saved', tone: 'success' });
          })}
        >
          <FormAlert messages={banner} />
          <TextField label="Notes" autoComplete="off" {...bind('notes')} />
          <Button type="submit" busy={formState.isSubmitting}>
            Save notes
          </Button>
        </form>
      </Dialog>
    </>
  );
}

/** The carrier cannot deliver to the address: the winner is told and gets 7/14 fresh days to correct it. */
export function AddressInvalid({ item }: { item: Fulfillment }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateFulfillment(item.fulfillmentId);
  const toast = useToast();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-label={`Address invalid: ${item.prizeName}`}>
        Address invalid
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Is the address for ${item.prizeName} invalid?`}
        description="The winner is told and asked for a new address, with fresh days before the prize is forfeited."
      >
        <div className="row section">
          <Button
            variant="danger"
            busy={update.isPending}
            onClick={() =>
              update.mutate(
                { addressStatus: 'invalid' },
                {
                  onSuccess: () => {
                    setOpen(false);
                    toast({ title: `The winner of ${item.prizeName} is asked for a new address`, tone: 'success' });
                  },
                  onError: (error) => toast({ title: errorMessage(error), tone: 'error' }),
                },
              )
            }
          >
            Ask for a new address
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            The address is fine
          </Button>
        </div>
      </Dialog>
    </>
  );
}
