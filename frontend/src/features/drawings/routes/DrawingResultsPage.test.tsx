import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { balance, drawing, me } from '@/test/fixtures';
import { renderRoute, signIn } from '@/test/render';
import { server } from '@/test/server';
import generated from '../verify/fixtures/generated.json';
import { logHandlers } from '../verify/fixtures/logHandlers';

const drawingId = generated.drawingId;

function results(overrides: Record<string, unknown> = {}) {
  const names = ['Ana', 'Ben', 'Cy', 'Di', 'Ed'];
  return {
    drawingId,
    name: 'Python-generated drawing',
    status: 'completed',
    drawn: true,
    drawingTime: '2026-06-11T01:00:00Z',
    executedAt: '2026-06-11T01:00:05Z',
    totalEntries: generated.snapshot.totalTickets,
    totalEntrants: generated.snapshot.entrantCount,
    winners: generated.winners.map((w, i) => ({
      drawIndex: w.drawIndex,
      rank: w.prizeId === generated.prizes[0]!.prizeId ? 1 : 2,
      prizeId: w.prizeId,
      prizeName: w.prizeId === generated.prizes[0]!.prizeId ? 'Road bike' : 'Gift card',
      displayName: names[i] ?? 'Someone',
      ticketsHeld: 7,
      winningNumber: w.ticketNumber,
      status: w.status,
    })),
    myParticipation: null,
    verificationUrl: `/api/v1/drawings/${drawingId}/verification`,
    ...overrides,
  };
}

describe('DrawingResultsPage', () => {
  it('shows winners, tickets held, total entries and winning numbers, then verifies the draw in the browser', async () => {
    server.use(
      http.get(`/api/v1/drawings/${drawingId}/results`, () => HttpResponse.json(results())),
      http.get(`/api/v1/drawings/${drawingId}/verification`, () => HttpResponse.json(generated)),
      ...logHandlers(),
    );
    const user = userEvent.setup();
    renderRoute(`/drawings/${drawingId}/results`);
    const table = await screen.findByRole('table', { name: 'Winners by prize' });
    expect(within(table).getAllByRole('row')).toHaveLength(generated.winners.length + 1);
    expect(within(table).getByText('Ana')).toBeInTheDocument();
    expect(within(table).getByText(`#${generated.winners[0]!.ticketNumber}`)).toBeInTheDocument();
    expect(screen.getByText(String(generated.snapshot.totalTickets))).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Verify this draw' }));
    expect(await screen.findByText(/^Verified: all \d+ checks passed/)).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Verification steps' });
    expect(within(steps).getByText(/SHA-256 of the revealed seed equals the commitment/)).toBeInTheDocument();
    expect(within(steps).getByText(/Merkle root recomputed from 30 blocks/)).toBeInTheDocument();
    expect(within(steps).getByText('The winning numbers on the results page are the recomputed picks')).toBeInTheDocument();
    expect(within(steps).queryAllByText(/^Failed:/)).toHaveLength(0);
  });

  it('reports a mismatch when the published numbers differ from the proof', async () => {
    const tampered = structuredClone(generated);
    tampered.winners[1]!.ticketNumber += 1;
    server.use(
      http.get(`/api/v1/drawings/${drawingId}/results`, () => HttpResponse.json(results())),
      http.get(`/api/v1/drawings/${drawingId}/verification`, () => HttpResponse.json(tampered)),
      ...logHandlers(),
    );
    const user = userEvent.setup();
    renderRoute(`/drawings/${drawingId}/results`);
    await user.click(await screen.findByRole('button', { name: 'Verify this draw' }));
    expect(await screen.findByText(/^Mismatch: 2 of \d+ checks failed/)).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Verification steps' });
    expect(within(steps).getAllByText(/^Failed:/)).toHaveLength(2);
    // The verdict names what does not match, not just how many checks failed.
    const ticket = tampered.winners[1]!.ticketNumber;
    expect(screen.getByText(`Pick 2: the document says ticket #${ticket}, the seed gives #${ticket - 1}.`)).toBeInTheDocument();
  });

  it('says when the drawing is not drawn yet', async () => {
    server.use(
      http.get(`/api/v1/drawings/${drawingId}/results`, () =>
        HttpResponse.json(results({ drawn: false, status: 'open', winners: [], executedAt: null })),
      ),
    );
    renderRoute(`/drawings/${drawingId}/results`);
    expect(await screen.findByText('Not drawn yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verify this draw' })).not.toBeInTheDocument();
  });
});

describe('Verify this draw when the snapshot comes in pages', () => {
  const PAGE_SIZE = 7;
  const blocks = generated.snapshot.blocks;
  const pageCount = Math.ceil(blocks.length / PAGE_SIZE);
  const paged = {
    ...generated,
    snapshot: {
      ...generated.snapshot,
      blocks: null,
      blockPages: { pageSize: PAGE_SIZE, pageCount, url: `/api/v1/drawings/${drawingId}/snapshot/blocks?page={page}` },
    },
  };
  const page = (n: number) => ({
    drawingId,
    page: n,
    pageSize: PAGE_SIZE,
    pageCount,
    blockCount: blocks.length,
    merkleRoot: generated.merkleRoot,
    blocks: blocks.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE),
  });

  /** Serves the paged proof; `answer` gives each page's body (asked pages are counted). */
  function pagedApi(answer: (n: number) => ReturnType<typeof page> | Promise<ReturnType<typeof page>> = page) {
    const asked: number[] = [];
    server.use(
      http.get(`/api/v1/drawings/${drawingId}/results`, () => HttpResponse.json(results())),
      http.get(`/api/v1/drawings/${drawingId}/verification`, () => HttpResponse.json(paged)),
      http.get(`/api/v1/drawings/${drawingId}/snapshot/blocks`, async ({ request }) => {
        const n = Number(new URL(request.url).searchParams.get('page'));
        asked.push(n);
        return HttpResponse.json(await answer(n));
      }),
      ...logHandlers(),
    );
    return asked;
  }

  async function verify() {
    const user = userEvent.setup();
    renderRoute(`/drawings/${drawingId}/results`);
    await user.click(await screen.findByRole('button', { name: 'Verify this draw' }));
  }

  it('fetches every page, saying how far it got, and verifies the blocks they hold', async () => {
    let releaseLast = () => {};
    const lastHeld = new Promise<void>((resolve) => (releaseLast = resolve));
    const asked = pagedApi(async (n) => {
      if (n === pageCount) await lastHeld;
      return page(n);
    });
    await verify();
    expect(await screen.findByText(`Fetching blocks (${pageCount - 1} of ${pageCount})`)).toBeInTheDocument();
    releaseLast();
    expect(await screen.findByText(/^Verified: all \d+ checks passed/)).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Verification steps' });
    expect(within(steps).getByText(/Merkle root recomputed from 30 blocks/)).toBeInTheDocument();
    expect(within(steps).getByText('The winning numbers on the results page are the recomputed picks')).toBeInTheDocument();
    expect(asked.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(screen.queryByText(/^Fetching blocks/)).not.toBeInTheDocument();
  });

  it("fails when a page is not this snapshot's", async () => {
    pagedApi((n) => (n === 3 ? page(2) : page(n)));
    await verify();
    expect(await screen.findByText(/^Mismatch: 1 of 1 checks failed/)).toBeInTheDocument();
    expect(screen.getAllByText("Block page 3 is not page 3 of this drawing's snapshot.").length).toBeGreaterThan(0);
  });

  it('fails the Merkle root when a page holds other blocks', async () => {
    pagedApi((n) => {
      const served = page(n);
      if (n === 2) served.blocks = served.blocks.map(([first = 0, last = 0]) => [first, last, 'ab'.repeat(32)]);
      return served;
    });
    await verify();
    expect(await screen.findByText(/^Mismatch: \d+ of \d+ checks failed/)).toBeInTheDocument();
    expect(screen.getByText(/The Merkle root recomputed from 30 blocks .* is not the published root/)).toBeInTheDocument();
  });
});

describe('Free entry', () => {
  function memberApi(blocks: unknown[]) {
    server.use(
      http.get('/api/v1/users/me', () => HttpResponse.json(me())),
      http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
      http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
      http.get('/api/v1/drawings/d1', () => HttpResponse.json(drawing({ drawingId: 'd1' }))),
      ...logHandlers(),
      http.get('/api/v1/drawings/d1/my-tickets', () =>
        HttpResponse.json({
          drawingId: 'd1',
          status: 'open',
          totalTickets: blocks.length,
          pointsSpent: 0,
          drawingTotalTickets: 41,
          myChance: null,
          blocks,
        }),
      ),
    );
  }

  it('takes one free entry and then shows it as used', async () => {
    signIn();
    const blocks: unknown[] = [];
    memberApi(blocks);
    server.use(
      http.post('/api/v1/drawings/d1/free-entry', () => {
        blocks.push({
          blockId: 'b1',
          firstTicketNumber: 41,
          lastTicketNumber: 41,
          quantity: 1,
          pointsSpent: 0,
          entryMethod: 'free',
          purchasedAt: '2026-06-10T16:00:00Z',
          refundedAt: null,
        });
        const receipt = { firstTicketNumber: 41, lastTicketNumber: 41, ownerHash: 'ab'.repeat(32), leaf: 'cd'.repeat(32), previousHead: null, chainHead: null };
        return HttpResponse.json({ drawingId: 'd1', freeEntryId: 'fe1', ticketNumber: 41, totalUserTickets: 1, receipt }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/drawings/d1');
    await user.click(await screen.findByRole('button', { name: 'Free entry' }));
    expect(await screen.findByText('Free entry added: ticket #41')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Free entry used' })).toBeDisabled();
    expect(screen.getByText(/#41 · free entry/)).toBeInTheDocument();
  });

  it('explains a second free entry', async () => {
    signIn();
    memberApi([]);
    server.use(
      http.post('/api/v1/drawings/d1/free-entry', () =>
        HttpResponse.json(
          { type: 'https://fittrack.app/problems/free-entry-used', title: 'Used', status: 409, detail: 'Already used.' },
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/drawings/d1');
    await user.click(await screen.findByRole('button', { name: 'Free entry' }));
    expect(await screen.findByText('You already used your free entry here')).toBeInTheDocument();
  });
});
