import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '@/test/server';
import { bytesToHex, concat, hexToBytes, sha256, utf8 } from '../verify/bytes';
import { chainBreak, GENESIS, type LogEntry } from '../verify/transparency';
import { fetchTransparencyLog } from './transparency';

/** A chained log of `size` entries, served in pages of at most 1,000 as the real route does. */
function serveLog(size: number, asked: string[]) {
  const entries: LogEntry[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= size; seq += 1) {
    const body = JSON.stringify({ event: 'drawing.opened', seq });
    const entryHash = bytesToHex(sha256(concat(hexToBytes(prev), utf8(body))));
    entries.push({ seq, event: 'drawing.opened', drawingId: null, body, prevHash: prev, entryHash });
    prev = entryHash;
  }
  const key = { keyName: 'example/log', verifierKey: 'example/log+00000000+AQ==', publicKey: '00'.repeat(32) };
  server.use(
    http.get('/.well-known/fittrack-transparency/key', () => HttpResponse.json(key)),
    http.get('/.well-known/fittrack-transparency/checkpoint', () =>
      HttpResponse.json({ origin: 'example/log', size, head: prev, note: 'unused here' }),
    ),
    http.get('/.well-known/fittrack-transparency/entries', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const from = Number(query.get('from'));
      const to = Math.min(Number(query.get('to')), from + 999);
      asked.push(`${from}-${to}`);
      return HttpResponse.json({ size, entries: entries.slice(from - 1, to) });
    }),
  );
}

describe('fetchTransparencyLog', () => {
  it('reads entries 1..size in pages of 1,000, in order', async () => {
    const asked: string[] = [];
    serveLog(2_001, asked);
    const log = await fetchTransparencyLog();
    expect(asked).toEqual(['1-1000', '1001-2000', '2001-2001']);
    expect(log.entries.map((e) => e.seq)).toEqual(Array.from({ length: 2_001 }, (_, i) => i + 1));
    expect(chainBreak(log.entries)).toBeNull();
    expect(log.entries[2_000]!.entryHash).toBe(log.checkpoint.head);
  });

  it('asks for no entries of an empty log', async () => {
    const asked: string[] = [];
    serveLog(0, asked);
    expect((await fetchTransparencyLog()).entries).toEqual([]);
    expect(asked).toEqual([]);
  });
});
