import { Button, Card, FormAlert, TextField, useToast } from '@/components';
import { useApiForm } from '@/lib/forms';
import { changeSchema, useChangePassword, type ChangeValues } from '../api/account';
import { NewPasswordFields } from './NewPasswordFields';

export function ChangePasswordCard() {
  const change = useChangePassword();
  const toast = useToast();
  const { banner, bind, submit, reset } = useApiForm<ChangeValues>({
    schema: changeSchema,
    fields: ['currentPassword', 'newPassword'],
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  return (
    <Card title="Change password">
      <form
        className="form"
        noValidate
        onSubmit={submit(async ({ currentPassword, newPassword }) => {
          await change.mutateAsync({ currentPassword, newPassword });
          reset();
          toast({ title: 'Password changed. Your other sessions have ended.', tone: 'success' });
        })}
      >
        <FormAlert messages={banner} />
        <TextField label="Current password" type="password" autoComplete="current-password" {...bind('currentPassword')} />
        <NewPasswordFields password={bind('newPassword')} confirm={bind('confirm')} />
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
