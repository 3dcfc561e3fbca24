import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';

/** Pages asked for at once: a million-block snapshot is 100 pages of ~0.85 MB. */
const AT_ONCE = 4;

/** One page of a snapshot's blocks as bytes: the verifier's worker decodes and parses it, off the main thread. */
async function fetchBlockPage(drawingId: string, page: number): Promise<ArrayBuffer> {
  const bytes = await unwrap(
    api.GET('/api/v1/drawings/{drawingId}/snapshot/blocks', { params: { path: { drawingId }, query: { page } }, parseAs: 'arrayBuffer' }),
  );
  return bytes as unknown as ArrayBuffer;
}

/** Pages 1..pageCount in order, a few at a time; `fetched` hears how many have arrived. */
export async function fetchBlockPages(drawingId: string, pageCount: number, fetched: (count: number) => void): Promise<ArrayBuffer[]> {
  const pages = new Array<ArrayBuffer>(pageCount);
  let next = 0;
  let arrived = 0;
  async function lane() {
    while (next < pageCount) {
      const index = next++;
      pages[index] = await fetchBlockPage(drawingId, index + 1);
      fetched(++arrived);
    }
  }
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, pageCount) }, lane));
  return pages;
}
