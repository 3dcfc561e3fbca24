import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/** An RFC 7807 problem document (or a network failure) as a typed error. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly correlationId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The problem's own members beyond RFC 7807's (e.g. `reason`, `linkToken`). */
  readonly extras: Record<string, unknown>;

  constructor(init: {
    status: number;
    type?: string;
    title: string;
    detail?: string;
    fieldErrors?: FieldError[];
    correlationId?: string;
    retryAfterSeconds?: number;
    extras?: Record<string, unknown>;
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title;
    this.detail = init.detail ?? init.title;
    this.fieldErrors = init.fieldErrors ?? [];
    this.correlationId = init.correlationId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extras = init.extras ?? {};
  }

  get isNetworkError() {
    return this.status === 0;
  }
}

function parseFieldErrors(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  const out: FieldError[] = [];
  for (const item of raw) {
    if (item && typeof item === 'object') {
      const { field, message, code } = item as Record<string, unknown>;
      if (typeof field === 'string' && typeof message === 'string') {
        out.push(typeof code === 'string' ? { field, message, code } : { field, message });
      }
    }
  }
  return out;
}

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'correlationId', 'errors']);

export function toApiError(body: unknown, response: Response): ApiError {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (body && typeof body === 'object' && 'title' in body) {
    const p = body as Partial<Problem> & { errors?: unknown };
    return new ApiError({
      extras: Object.fromEntries(Object.entries(body).filter(([name]) => !PROBLEM_MEMBERS.has(name))),
      status: typeof p.status === 'number' ? p.status : response.status,
      type: p.type,
      title: p.title ?? response.statusText,
      detail: p.detail,
      fieldErrors: parseFieldErrors(p.errors),
      correlationId: p.correlationId,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    detail: typeof body === 'string' && body ? body : `The server answered ${response.status}.`,
    retryAfterSeconds,
  });
}

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch {
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: 'We could not reach FitTrack. Check your connection and try again.',
    });
  }
  if (!result.response.ok) throw toApiError(result.error, result.response);
  return result.data as D;
}

/**
 * Puts a problem's field errors on the matching react-hook-form fields.
 * Returns the messages that matched no field, so the form can show them as a banner.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const known = new Set<string>(fields);
  const unmatched: string[] = [];
  for (const fe of error.fieldErrors) {
    if (known.has(fe.field)) setError(fe.field as Path<T>, { type: fe.code ?? 'server', message: fe.message });
    else unmatched.push(fe.message);
  }
  if (error.fieldErrors.length === 0) unmatched.push(error.detail);
  return unmatched;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfterSeconds)
      return `${error.detail} Try again in ${error.retryAfterSeconds} seconds.`;
    return error.detail;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
