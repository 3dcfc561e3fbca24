import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/lib/auth/session';
import { balance, drawing, me } from '@/test/fixtures';
import { renderRoute, testUser } from '@/test/render';
import { server } from '@/test/server';
import { keepReceipt } from '../api/keptReceipts';
import { logHandlers, realLog } from '../verify/fixtures/logHandlers';
import fixture from '../verify/fixtures/transparency-v2.json';
import type { TransparencyLog } from '../verify/transparency';

// The local platform's real output for one member: their proof, tickets, a purchase receipt and the log.
const { document: proof, myTickets, receipt, results, userId } = fixture;
const drawingId = proof.drawingId;
const checkpoint = { size: realLog.checkpoint.size, head: realLog.checkpoint.head, seenAt: '2026-06-10T16:00:01Z' };

function signInAsEntrant() {
  sessionStore.set({ accessToken: 'access', user: { ...testUser, userId } });
}

function entrantApi(status: string, log: TransparencyLog = realLog) {
  server.use(
    http.get('/api/v1/users/me', () => HttpResponse.json(me({ userId }))),
    http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
    http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
    http.get(`/api/v1/drawings/${drawingId}`, () => HttpResponse.json(drawing({ drawingId, name: proof.name, status }))),
    http.get(`/api/v1/drawings/${drawingId}/my-tickets`, () => HttpResponse.json({ ...myTickets, status })),
    http.get(`/api/v1/drawings/${drawingId}/results`, () => HttpResponse.json(results)),
    http.get(`/api/v1/drawings/${drawingId}/verification`, () => HttpResponse.json(proof)),
    ...logHandlers(log),
  );
}

async function verifyOnResultsPage(log: TransparencyLog = realLog) {
  signInAsEntrant();
  keepReceipt(userId, drawingId, { receipt, receivedAt: '2026-06-10T16:00:00.411Z', checkpoint });
  entrantApi('completed', log);
  const user = userEvent.setup();
  renderRoute(`/drawings/${drawingId}/results`);
  await user.click(await screen.findByRole('button', { name: 'Verify this draw' }));
  await screen.findByRole('list', { name: 'Verification steps' });
}

describe('Verify this draw against the transparency log', () => {
  it('passes every log line and my kept receipt, and the results page shows its checkpoint', async () => {
    await verifyOnResultsPage();
    expect(await screen.findByText(/^Verified: all \d+ checks passed/)).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Verification steps' });
    for (const line of [
      `The log's checkpoint (size ${realLog.checkpoint.size}) is signed with the published Ed25519 key`,
      `The log chains from entry 1 to the checkpoint's head (${realLog.checkpoint.size} entries)`,
      'The log recorded this commitment at opening',
      'The log recorded this snapshot at close',
      'The log recorded this seed at the draw',
      'Every pick and forfeit is in the log',
      'My receipt for tickets #7–#8 is in the snapshot and the purchase chain',
    ])
      expect(within(steps).getByText(line)).toBeInTheDocument();
    const point = screen.getByLabelText('Transparency log checkpoint');
    expect(point).toHaveTextContent(realLog.checkpoint.head);
    expect(point).toHaveTextContent(`${realLog.checkpoint.size} entries`);
  });

  it('fails naming the entry when a log entry was rewritten', async () => {
    const forged = structuredClone(realLog);
    forged.entries[0]!.body = forged.entries[0]!.body.replace(proof.seedCommitment, proof.seedCommitment.replace(/^./, (c) => (c === '1' ? '2' : '1')));
    await verifyOnResultsPage(forged);
    expect(await screen.findByText(/^Mismatch: \d+ of \d+ checks failed/)).toBeInTheDocument();
    expect(screen.getByText('Log entry 1 does not chain: its hashes are not H(previous hash || body).')).toBeInTheDocument();
  });

  it('fails naming the key when the checkpoint signature does not verify', async () => {
    const forged = structuredClone(realLog);
    const other = { ...forged.key, publicKey: 'ab'.repeat(32) };
    await verifyOnResultsPage({ ...forged, key: other });
    expect(await screen.findByText(/^Mismatch: 1 of \d+ checks failed/)).toBeInTheDocument();
    expect(screen.getByText(`The checkpoint's signature does not verify with the published key ${other.keyName}.`)).toBeInTheDocument();
  });
});

describe('Verify this draw when the log cannot be read', () => {
  it("still shows the document's checks, and fails the log line", async () => {
    signInAsEntrant();
    entrantApi('completed');
    const unavailable = { type: 'https://fittrack.app/problems/unavailable', title: 'Unavailable', status: 503 };
    server.use(http.get('/.well-known/fittrack-transparency/checkpoint', () => HttpResponse.json(unavailable, { status: 503 })));
    const user = userEvent.setup();
    renderRoute(`/drawings/${drawingId}/results`);
    await user.click(await screen.findByRole('button', { name: 'Verify this draw' }));
    expect(await screen.findByText(/^Mismatch: 1 of \d+ checks failed/)).toBeInTheDocument();
    expect(screen.getByText("The transparency log could not be read, so this drawing's events were not checked against it.")).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Verification steps' });
    expect(within(steps).getByText('The winning numbers on the results page are the recomputed picks')).toBeInTheDocument();
    expect(within(steps).queryByText('The log recorded this seed at the draw')).not.toBeInTheDocument();
  });
});

describe('My receipts on the drawing page', () => {
  it('lists each entry with owner hash, leaf and chain head after close, and the checkpoints they were seen under', async () => {
    signInAsEntrant();
    keepReceipt(userId, drawingId, { receipt, receivedAt: '2026-06-10T16:00:00.411Z', checkpoint });
    entrantApi('completed');
    renderRoute(`/drawings/${drawingId}`);
    expect(await screen.findByRole('heading', { name: 'My receipts' })).toBeInTheDocument();
    // The kept receipt (#7–#8) and the one read from the proof document (#1) alike.
    const kept = await screen.findByLabelText('Receipt for tickets #7–#8');
    expect(kept).toHaveTextContent(receipt.leaf);
    expect(kept).toHaveTextContent(receipt.chainHead);
    const proved = await screen.findByLabelText('Receipt for tickets #1');
    const first = proof.myEntries.blocks[0]!;
    expect(proved).toHaveTextContent(proof.myEntries.ownerHash);
    expect(proved).toHaveTextContent(first.chainHead);
    expect(screen.getByLabelText('Checkpoint seen at purchase of tickets #7–#8')).toHaveTextContent(realLog.checkpoint.head);
    expect(await screen.findByLabelText('Checkpoint seen now')).toHaveTextContent(`${realLog.checkpoint.size} entries`);
  });

  it('shows the receipt kept at purchase while sales are open, without reading the proof', async () => {
    signInAsEntrant();
    keepReceipt(userId, drawingId, { receipt, receivedAt: '2026-06-10T16:00:00.411Z', checkpoint });
    entrantApi('open');
    let proofReads = 0;
    server.use(
      http.get(`/api/v1/drawings/${drawingId}/verification`, () => {
        proofReads += 1;
        return HttpResponse.json(proof);
      }),
    );
    renderRoute(`/drawings/${drawingId}`);
    expect(await screen.findByLabelText('Receipt for tickets #7–#8')).toHaveTextContent(receipt.ownerHash);
    expect(screen.getByText(/This receipt was shown at purchase on another device/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Receipt for tickets #1')).not.toBeInTheDocument();
    expect(await screen.findByLabelText('Checkpoint seen now')).toBeInTheDocument();
    expect(proofReads).toBe(0);
  });
});
