import { TextField } from '@/components';
import type { FieldBinding } from '@/lib/forms';

const PASSWORD_HINT = 'At least 12 characters with upper and lower case, a digit and a symbol.';

/** A new password and its repetition (reset and change password). */
export function NewPasswordFields({ password, confirm }: { password: FieldBinding; confirm: FieldBinding }) {
  return (
    <>
      <TextField label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} {...password} />
      <TextField label="Repeat the new password" type="password" autoComplete="new-password" {...confirm} />
    </>
  );
}
