import { describe, expect, it } from 'vitest';
import fixture from '../verify/fixtures/transparency-v2.json';
import { keepReceipt, loadReceipts, type KeptReceipt } from './keptReceipts';

const kept: KeptReceipt = { receipt: fixture.receipt, receivedAt: '2026-06-10T16:00:00Z', checkpoint: null };

describe('kept receipts', () => {
  it('keeps one receipt per ticket range, per member and drawing', () => {
    keepReceipt('m1', 'd1', kept);
    keepReceipt('m1', 'd1', { ...kept, receivedAt: '2026-06-10T16:00:05Z' });
    keepReceipt('m1', 'd1', { ...kept, receipt: { ...kept.receipt, firstTicketNumber: 1, lastTicketNumber: 1 } });
    expect(loadReceipts('m1', 'd1').map((k) => [k.receipt.firstTicketNumber, k.receivedAt])).toEqual([
      [7, '2026-06-10T16:00:05Z'],
      [1, '2026-06-10T16:00:00Z'],
    ]);
    expect(loadReceipts('m2', 'd1')).toEqual([]);
    expect(loadReceipts('m1', 'd2')).toEqual([]);
  });

  it('ignores storage that is not JSON or not receipts', () => {
    localStorage.setItem('fittrack.receipts.m1.d1', '{not json');
    expect(loadReceipts('m1', 'd1')).toEqual([]);
    localStorage.setItem('fittrack.receipts.m1.d1', JSON.stringify([{ receipt: { leaf: 5 } }, kept, 'x']));
    expect(loadReceipts('m1', 'd1')).toEqual([kept]);
  });
});
