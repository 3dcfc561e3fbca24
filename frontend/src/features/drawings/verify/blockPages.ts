/**
 * A snapshot too big for one API response (an OCI Functions answer holds at most 6 MB) comes
 * in pages: the document carries `snapshot.blockPages` instead of `snapshot.blocks`, and the
 * page fetches the pages for the worker, which puts their blocks back in the document here.
 */
import type { components } from '@/lib/api/schema';
import type { VerificationDocument } from './verify';

type BlockPage = components['schemas']['SnapshotBlockPage'];

/** How many pages of blocks the document points to (0: its blocks are inline, or it has no snapshot). */
export function blockPageCount(text: string): number {
  try {
    const doc = JSON.parse(text) as Partial<components['schemas']['Verification']> | null;
    return doc?.snapshot?.blockPages?.pageCount ?? 0;
  } catch {
    return 0; // the worker says the document is not JSON
  }
}

export type Assembled = { doc: VerificationDocument } | { problem: string };

function readPage(bytes: ArrayBuffer, decoder: TextDecoder): Partial<BlockPage> | null {
  try {
    const page: unknown = JSON.parse(decoder.decode(bytes));
    return page && typeof page === 'object' ? (page as Partial<BlockPage>) : null;
  } catch {
    return null;
  }
}

/** The document with the pages' blocks in its snapshot, in page order (unchanged when its blocks are inline). */
export function withPagedBlocks(doc: VerificationDocument, pages: readonly ArrayBuffer[]): Assembled {
  const pointed = doc.snapshot?.blockPages;
  if (!doc.snapshot || !pointed) return { doc };
  if (pages.length !== pointed.pageCount)
    return { problem: `The snapshot's blocks are in ${pointed.pageCount} pages; ${pages.length} were read.` };
  const decoder = new TextDecoder();
  const blocks: unknown[][] = [];
  for (const [i, bytes] of pages.entries()) {
    const page = readPage(bytes, decoder);
    if (!page || page.drawingId !== doc.drawingId || page.page !== i + 1 || !Array.isArray(page.blocks))
      return { problem: `Block page ${i + 1} is not page ${i + 1} of this drawing's snapshot.` };
    for (const block of page.blocks) blocks.push(block);
  }
  return { doc: { ...doc, snapshot: { ...doc.snapshot, blocks } } };
}
