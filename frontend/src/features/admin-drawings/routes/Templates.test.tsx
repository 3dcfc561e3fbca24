import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { invalidFields, loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import { adminSponsor, sponsorsList } from '@/features/admin-sponsors/testing/fixtures';
import type { components } from '@/lib/api/schema';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';
import { adminDrawing, DRAWING_ID } from '../testing/fixtures';

loadConsole(() => import('./index'));

type Template = components['schemas']['TemplateView'];

function template(overrides: Partial<Template> = {}): Template {
  return {
    templateId: 't1',
    name: 'Weekly Sunday Drawing',
    type: 'weekly',
    description: null,
    ticketCostPoints: 500,
    eligibility: { userType: 'all', minAccountAgeDays: 7 },
    prizes: [
      { rank: 1, name: 'Smart watch', description: null, valueUsd: 250, quantity: 1, fulfillmentType: 'physical', sponsorId: 's1', imageUrl: null },
      { rank: 2, name: 'Gift card', description: null, valueUsd: 25, quantity: 3, fulfillmentType: 'digital', sponsorId: null, imageUrl: null },
    ],
    isActive: true,
    nextDrawingTime: '2026-06-15T01:00:00Z',
    createdAt: null,
    updatedAt: null,
    ...overrides,
  };
}

const sponsors = sponsorsList([adminSponsor({ sponsorId: 's1' })]);

function listPage(templates: Template[]) {
  server.use(
    sponsors,
    http.get('/api/v1/admin/drawings', () => HttpResponse.json({ drawings: [], pagination: pagination(0) })),
    http.get('/api/v1/admin/drawing-templates', () => HttpResponse.json({ templates })),
  );
}

describe('recurring templates', () => {
  it('adds a template with a prize, the API field error on the prize’s field', async () => {
    signInAdmin();
    listPage([]);
    const sent: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/drawing-templates', async ({ request }) => {
        sent.push(await request.json());
        if (sent.length === 1)
          return invalidFields({ field: 'prizes.0.valueUsd', message: 'At most 1,000,000 dollars.', code: 'less_than_equal' });
        return HttpResponse.json(template({ name: 'Daily Evening', type: 'daily' }), { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/drawings');
    expect(await screen.findByText('No templates yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add template' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add template' });
    await user.type(await within(dialog).findByLabelText('Template name'), 'Daily Evening');
    await user.click(within(dialog).getByRole('button', { name: 'Add a prize' }));
    const prize = within(dialog).getByRole('group', { name: 'Prize 1' });
    expect(within(prize).getByLabelText('Rank')).toHaveValue('1');
    await user.type(within(prize).getByLabelText('Prize name'), 'Water bottle');
    await user.type(within(prize).getByLabelText('Value in USD'), '5000000');
    await user.selectOptions(within(prize).getByLabelText('Sponsor (optional)'), 's1');
    await user.click(within(dialog).getByRole('button', { name: 'Add template' }));
    expect(await within(prize).findByText('At most 1,000,000 dollars.')).toBeInTheDocument();
    expect(within(prize).getByLabelText('Value in USD')).toHaveAttribute('aria-invalid', 'true');
    expect(sent[0]).toEqual({
      name: 'Daily Evening',
      type: 'daily',
      description: null,
      ticketCostPoints: null,
      eligibility: { userType: 'all', minAccountAgeDays: 7 },
      prizes: [{ rank: 1, name: 'Water bottle', description: null, valueUsd: 5000000, quantity: 1, fulfillmentType: 'physical', sponsorId: 's1', imageUrl: null }],
      isActive: true,
    });
    await user.clear(within(prize).getByLabelText('Value in USD'));
    await user.type(within(prize).getByLabelText('Value in USD'), '15');
    await user.click(within(dialog).getByRole('button', { name: 'Add template' }));
    expect(await screen.findByText(/^Daily Evening added: its next drawing is/)).toBeInTheDocument();
  }, 60_000);

  it('deactivates a template after confirming', async () => {
    signInAdmin();
    listPage([template()]);
    let deleted = 0;
    server.use(
      http.delete('/api/v1/admin/drawing-templates/t1', () => {
        deleted += 1;
        return HttpResponse.json(template({ isActive: false }));
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/drawings');
    const table = await screen.findByRole('table', { name: 'Recurring templates' });
    expect(within(table).getByText('Smart watch, Gift card')).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Deactivate template Weekly Sunday Drawing' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Weekly Sunday Drawing?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate template' }));
    expect(await screen.findByText('Weekly Sunday Drawing deactivated')).toBeInTheDocument();
    expect(deleted).toBe(1);
  });

  it('starts a drawing from a template: its terms fill the form and its prizes are copied', async () => {
    signInAdmin();
    listPage([template()]);
    let createdWith: unknown;
    const prizesAdded: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/drawings', async ({ request }) => {
        createdWith = await request.json();
        return HttpResponse.json(adminDrawing({ name: 'Weekly Sunday Drawing', type: 'weekly' }), { status: 201 });
      }),
      http.post(`/api/v1/admin/drawings/${DRAWING_ID}/prizes`, async ({ request }) => {
        prizesAdded.push(await request.json());
        return HttpResponse.json({}, { status: 201 });
      }),
      http.get(`/api/v1/admin/drawings/${DRAWING_ID}`, () => HttpResponse.json(adminDrawing({ name: 'Weekly Sunday Drawing', type: 'weekly' }))),
      http.get(`/api/v1/admin/drawings/${DRAWING_ID}/audit`, () => HttpResponse.json({ drawingId: DRAWING_ID, entries: [] })),
    );
    const user = userEvent.setup();
    renderRoute('/admin/drawings');
    await user.click(await screen.findByRole('link', { name: 'New drawing from Weekly Sunday Drawing' }));
    expect(await screen.findByText(/From the template “Weekly Sunday Drawing”/)).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Weekly Sunday Drawing');
    expect(screen.getByLabelText('Type')).toHaveValue('weekly');
    expect(screen.getByLabelText('Ticket cost in points')).toHaveValue('500');
    await user.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(await screen.findByText('Weekly Sunday Drawing created as a draft')).toBeInTheDocument();
    expect(createdWith).toMatchObject({ name: 'Weekly Sunday Drawing', type: 'weekly', ticketCostPoints: 500, drawingTime: null });
    expect(prizesAdded).toEqual(template().prizes);
  });
});
