import { useEffect, type ReactNode } from 'react';
import type { DefaultValues, FieldValues, Path } from 'react-hook-form';
import type { ZodType } from 'zod';
import { Button, FormAlert } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { useApiForm, type Bind } from '@/lib/forms';

type Paged<V> = V & { page: number };

/** What a page hands its search form: the URL's filters, where a search goes, the API's refusal. */
export interface SearchProps<F> {
  filters: F;
  onSearch: (filters: F) => void;
  refusal: unknown;
}

/**
 * The search form of a list whose filters live in the URL (useUrlFilters): filled from the
 * URL, and again when Back or Forward changes it under the form; a search starts at the first
 * page; a search the API refused (400) puts its errors on the fields. `children` lays out the
 * fields with `bind`.
 */
export function UrlSearchForm<V extends FieldValues>({
  label,
  submitLabel,
  schema,
  fields,
  filters,
  onSearch,
  refusal,
  children,
}: SearchProps<Paged<V>> & {
  label: string;
  submitLabel: string;
  schema: ZodType<V, V>;
  /** The form's fields; the same list names the fields a refusal may put errors on. */
  fields: readonly Path<V>[];
  children: (bind: Bind<V>) => ReactNode;
}) {
  const { bind, submit, banner, reset, setError } = useApiForm<V>({
    schema,
    defaultValues: filters as DefaultValues<V>,
    fields,
  });
  useEffect(() => reset(filters), [filters, reset]);
  useEffect(() => {
    if (refusal) applyFieldErrors(refusal, setError, fields);
  }, [refusal, setError, fields]);

  return (
    <form role="search" aria-label={label} onSubmit={submit(async (values) => onSearch({ ...values, page: 1 }))} noValidate>
      <FormAlert messages={banner} />
      <div className="filters">
        {children(bind)}
        <Button type="submit">{submitLabel}</Button>
      </div>
    </form>
  );
}
