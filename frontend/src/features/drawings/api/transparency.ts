import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { LogEntry, TransparencyLog } from '../verify/transparency';

/** The entries route answers at most this many entries per request. */
const PAGE = 1000;

export const checkpointKey = ['transparency', 'checkpoint'] as const;

export const fetchCheckpoint = () => unwrap(api.GET('/.well-known/fittrack-transparency/checkpoint'));

/** The log's signed checkpoint as it is now; `dataUpdatedAt` is when this browser saw it. */
export function useCheckpoint(enabled = true) {
  return useQuery({ queryKey: checkpointKey, queryFn: fetchCheckpoint, enabled, staleTime: 60_000 });
}

/** Everything a verifier reads: the signing key, a checkpoint, and entries 1..its size. */
export async function fetchTransparencyLog(): Promise<TransparencyLog> {
  const [key, checkpoint] = await Promise.all([unwrap(api.GET('/.well-known/fittrack-transparency/key')), fetchCheckpoint()]);
  const entries: LogEntry[] = [];
  for (let from = 1; from <= checkpoint.size; from += PAGE) {
    const to = Math.min(checkpoint.size, from + PAGE - 1);
    const page = await unwrap(api.GET('/.well-known/fittrack-transparency/entries', { params: { query: { from, to } } }));
    entries.push(...page.entries);
  }
  return { key, checkpoint, entries };
}
