/**
 * The form set-up every form shares: react-hook-form validated by the form's zod schema, a
 * submit that clears the banner, runs the action and puts the API's field errors on their
 * fields (the rest in the banner), and `bind(name)` for a field component's props (the
 * registration plus its error message).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { get, useForm, type DefaultValues, type FieldValues, type Mode, type Path, type Resolver } from 'react-hook-form';
import type { ZodType } from 'zod';
import { applyFieldErrors } from '@/lib/api/errors';

export type FieldBinding = ReturnType<ReturnType<typeof useForm>['register']> & { error: string | undefined };
export type Bind<T extends FieldValues> = (name: Path<T>) => FieldBinding;
/** What a group of fields shared by several forms takes: a bind for just its own names. */
export type BindFields<K extends string> = (name: K) => FieldBinding;

export function useApiForm<T extends FieldValues>({
  schema,
  defaultValues,
  fields,
  mode,
}: {
  schema: ZodType<T, T>;
  defaultValues: DefaultValues<T>;
  /** The fields an API problem may name; the others' messages go to the banner. */
  fields: readonly Path<T>[];
  mode?: Mode;
}) {
  const [banner, setBanner] = useState<string[]>([]);
  const form = useForm<T>({
    resolver: zodResolver(schema) as unknown as Resolver<T>,
    defaultValues,
    ...(mode ? { mode } : {}),
  });
  const { register, setError, handleSubmit, formState } = form;

  const bind: Bind<T> = (name) => ({
    ...register(name),
    error: (get(formState.errors, name) as { message?: string } | undefined)?.message,
  });

  const submit = (action: (values: T) => Promise<unknown>) =>
    handleSubmit(async (values) => {
      setBanner([]);
      try {
        await action(values);
      } catch (error) {
        setBanner(applyFieldErrors(error, setError, fields));
      }
    });

  return { ...form, banner, bind, submit };
}
