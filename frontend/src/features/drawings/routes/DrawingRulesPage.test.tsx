import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

const drawingId = '00000000-0000-4000-8000-000000000001';
const rules = {
  drawingId,
  name: 'Daily Draw',
  status: 'open',
  sponsors: [],
  prizes: [],
  totalPrizeValueUsd: '250.00',
  opensAt: null,
  salesCloseTime: '2026-06-10T23:00:00Z',
  drawingTime: '2026-06-11T00:00:00Z',
  eligibility: ['Legal US residents 18+'],
  oddsStatement: 'Odds depend on the number of entries.',
  sections: [{ title: 'How to enter free', body: 'One free entry per member per drawing.' }],
};

describe('official rules page', () => {
  it('renders the rules with how to enter free', async () => {
    server.use(http.get(`/api/v1/drawings/${drawingId}/rules`, () => HttpResponse.json(rules)));
    renderRoute(`/drawings/${drawingId}/rules`);
    expect(await screen.findByRole('heading', { name: 'Official rules: Daily Draw' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'How to enter free' })).toBeInTheDocument();
    expect(screen.getByText('One free entry per member per drawing.')).toBeInTheDocument();
    expect(screen.getByText('Odds depend on the number of entries.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the drawing' })).toHaveAttribute('href', `/drawings/${drawingId}`);
  });
});
