import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { invalidFields, loadConsole, signInAdmin, stepUpChallenge, stepUpVerify } from '@/features/admin/testing/admin';
import { adminSponsor, sponsorsList } from '@/features/admin-sponsors/testing/fixtures';
import type { components } from '@/lib/api/schema';
import { sessionStore } from '@/lib/auth/session';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';
import { toLocalInput } from '../api/schemas';
import { adminDrawing, DRAWING_ID, jwt, prize } from '../testing/fixtures';

loadConsole(() => import('./index'));

type Drawing = components['schemas']['AdminDrawingView'];

const sponsors = sponsorsList([adminSponsor({ sponsorId: 's1' })]);

/** The drawing's page reads it and its audit trail; `current` is what GET answers now. */
function drawingApi(current: { drawing: Drawing }) {
  server.use(
    http.get(`/api/v1/admin/drawings/${DRAWING_ID}`, () => HttpResponse.json(current.drawing)),
    http.get(`/api/v1/admin/drawings/${DRAWING_ID}/audit`, () =>
      HttpResponse.json({
        drawingId: DRAWING_ID,
        entries: [
          {
            auditId: 'a1',
            seq: 41,
            entityType: 'drawing',
            entityId: DRAWING_ID,
            action: 'drawing.created',
            actorId: '00000000-0000-4000-8000-000000000001',
            before: null,
            after: { name: current.drawing.name },
            createdAt: '2026-06-10T12:00:00Z',
            prevHash: '0'.repeat(64),
            entryHash: 'ab'.repeat(32),
          },
        ],
      }),
    ),
  );
}

function results(winners: number) {
  return {
    drawingId: DRAWING_ID,
    name: 'Daily Drawing',
    status: 'completed',
    drawn: true,
    drawingTime: '2026-06-11T01:00:00Z',
    executedAt: '2026-06-10T16:05:00Z',
    totalEntries: 40,
    totalEntrants: 12,
    winners: Array.from({ length: winners }, (_, i) => ({
      drawIndex: i,
      rank: 1,
      prizeId: 'p1',
      prizeName: 'Road bike',
      displayName: `Winner ${i}`,
      ticketsHeld: 3,
      winningNumber: 7 + i,
      status: 'awarded',
    })),
    myParticipation: null,
    verificationUrl: `/api/v1/drawings/${DRAWING_ID}/verification`,
  };
}

describe('admin drawings list', () => {
  it('filters by status and type', async () => {
    signInAdmin();
    const queries: string[] = [];
    server.use(
      http.get('/api/v1/admin/drawings', ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ drawings: [adminDrawing({ name: 'Summer Drawing' })], pagination: pagination(1) });
      }),
      http.get('/api/v1/admin/drawing-templates', () => HttpResponse.json({ templates: [] })),
    );
    const user = userEvent.setup();
    renderRoute('/admin/drawings');
    const table = await screen.findByRole('table', { name: 'Drawings, newest first' });
    expect(within(table).getByRole('link', { name: 'Summer Drawing' })).toHaveAttribute('href', `/admin/drawings/${DRAWING_ID}`);
    await user.selectOptions(screen.getByLabelText('Status'), 'draft');
    await user.selectOptions(screen.getByLabelText('Type'), 'weekly');
    await waitFor(() => expect(queries.at(-1)).toBe('?page=1&limit=20&status=draft&type=weekly'));
  });
});

describe('creating a drawing and its prizes', () => {
  it('creates a draft (the API field error on its field), then adds a prize on its page', async () => {
    signInAdmin();
    const current = { drawing: adminDrawing({ name: 'Summer Drawing' }) };
    drawingApi(current);
    const created: unknown[] = [];
    let prizeSent: unknown;
    server.use(
      sponsors,
      http.post('/api/v1/admin/drawings', async ({ request }) => {
        created.push(await request.json());
        if (created.length === 1)
          return invalidFields({ field: 'drawingTime', message: 'The drawing must be more than 5 minutes away.', code: 'too_early' });
        return HttpResponse.json(current.drawing, { status: 201 });
      }),
      http.post(`/api/v1/admin/drawings/${DRAWING_ID}/prizes`, async ({ request }) => {
        prizeSent = await request.json();
        const added = prize({ name: 'Road bike', sponsor: { sponsorId: 's1', name: 'Acme Outdoor', websiteUrl: null, logoUrl: null } });
        current.drawing = { ...current.drawing, prizes: [added] };
        return HttpResponse.json({ ...added, drawingId: DRAWING_ID, sponsorId: 's1' }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/drawings/new');
    await user.type(await screen.findByLabelText('Name'), 'Summer Drawing');
    await user.selectOptions(screen.getByLabelText('Type'), 'weekly');
    await user.type(screen.getByLabelText('Ticket cost in points'), 'ten');
    await user.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(await screen.findByText('A whole number of points from 1 to 10,000,000.')).toBeInTheDocument();
    expect(created).toHaveLength(0);

    await user.clear(screen.getByLabelText('Ticket cost in points'));
    await user.type(screen.getByLabelText('Ticket cost in points'), '250');
    await user.type(screen.getByLabelText('Drawing time'), '2026-06-10T12:01');
    await user.clear(screen.getByLabelText('Minimum account age in days'));
    await user.type(screen.getByLabelText('Minimum account age in days'), '0');
    await user.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(await screen.findByText('The drawing must be more than 5 minutes away.')).toBeInTheDocument();
    expect(screen.getByLabelText('Drawing time')).toHaveAttribute('aria-invalid', 'true');
    expect(created[0]).toEqual({
      name: 'Summer Drawing',
      type: 'weekly',
      description: null,
      ticketCostPoints: 250,
      drawingTime: new Date('2026-06-10T12:01').toISOString(),
      opensAt: null,
      eligibility: { userType: 'all', minAccountAgeDays: 0 },
    });

    await user.clear(screen.getByLabelText('Drawing time'));
    await user.click(screen.getByRole('button', { name: 'Create draft' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Summer Drawing' })).toBeInTheDocument();
    expect(screen.getByText('Summer Drawing created as a draft')).toBeInTheDocument();
    expect((created[1] as { drawingTime: unknown }).drawingTime).toBeNull();
    expect(screen.getByText('No prizes yet')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Audit trail' })).toHaveTextContent('Created');

    await user.click(screen.getByRole('button', { name: 'Add prize' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add prize' });
    expect(await within(dialog).findByLabelText('Rank')).toHaveValue('1');
    await user.type(within(dialog).getByLabelText('Prize name'), 'Road bike');
    await user.type(within(dialog).getByLabelText('Value in USD'), '900');
    await user.selectOptions(within(dialog).getByLabelText('Sponsor (optional)'), 's1');
    await user.click(within(dialog).getByRole('button', { name: 'Add prize' }));
    const prizes = await screen.findByRole('table', { name: 'Prizes by rank' });
    expect(within(prizes).getByRole('rowheader', { name: 'Road bike' })).toBeInTheDocument();
    expect(within(prizes).getByText('Acme Outdoor')).toBeInTheDocument();
    expect(prizeSent).toEqual({
      rank: 1,
      name: 'Road bike',
      description: null,
      valueUsd: 900,
      quantity: 1,
      fulfillmentType: 'physical',
      sponsorId: 's1',
      imageUrl: null,
    });
  }, 60_000);

  it('removes a prize only after confirming', async () => {
    signInAdmin();
    const current = { drawing: adminDrawing({ status: 'scheduled', prizes: [prize()] }) };
    drawingApi(current);
    let removed = 0;
    server.use(
      http.delete('/api/v1/admin/prizes/:prizeId', () => {
        removed += 1;
        current.drawing = { ...current.drawing, prizes: [] };
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Remove prize Road bike' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Road bike?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(removed).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Remove prize Road bike' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Remove Road bike?' })).getByRole('button', { name: 'Remove prize' }));
    expect(await screen.findByText('No prizes yet')).toBeInTheDocument();
    expect(removed).toBe(1);
  });
});

describe('editing the terms', () => {
  it('sends every term with the change, and the page shows the saved drawing', async () => {
    signInAdmin();
    const current = {
      drawing: adminDrawing({ status: 'scheduled', prizes: [prize()], opensAt: '2026-06-10T20:00:00Z', ticketCostPoints: 100 }),
    };
    drawingApi(current);
    let sent: unknown;
    server.use(
      http.put(`/api/v1/admin/drawings/${DRAWING_ID}`, async ({ request }) => {
        sent = await request.json();
        current.drawing = { ...current.drawing, name: 'Evening Drawing', updatedAt: '2026-06-10T13:00:00Z' };
        return HttpResponse.json(current.drawing);
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    const name = await screen.findByLabelText('Name');
    expect(name).toHaveValue('Daily Drawing');
    expect(screen.getByLabelText('Opens at (optional)')).toHaveValue(toLocalInput('2026-06-10T20:00:00Z'));
    await user.clear(name);
    await user.type(name, 'Evening Drawing');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Drawing saved')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Evening Drawing' })).toBeInTheDocument();
    expect(sent).toEqual({
      name: 'Evening Drawing',
      type: 'daily',
      description: null,
      ticketCostPoints: 100,
      drawingTime: '2026-06-11T01:00:00.000Z',
      opensAt: '2026-06-10T20:00:00.000Z',
      eligibility: { userType: 'all', minAccountAgeDays: 7 },
    });
  }, 60_000);
});

describe('running the draw', () => {
  it('asks for a code on the 401 challenge, steps up and runs it again', async () => {
    signInAdmin('plain-token');
    const current = { drawing: adminDrawing({ status: 'closed', prizes: [prize()] }) };
    drawingApi(current);
    const bearers: (string | null)[] = [];
    const codes: string[] = [];
    server.use(
      http.post(`/api/v1/admin/drawings/${DRAWING_ID}/execute`, ({ request }) => {
        bearers.push(request.headers.get('Authorization'));
        if (bearers.length === 1) return stepUpChallenge();
        current.drawing = { ...current.drawing, status: 'completed', executedAt: '2026-06-10T16:05:00Z' };
        return HttpResponse.json({ drawing: current.drawing, results: results(1) });
      }),
      stepUpVerify('123456', codes),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Run the draw' }));
    const prompt = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    await user.type(within(prompt).getByLabelText('One-time code'), '123456');
    await user.click(within(prompt).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Drawn: 1 winner')).toBeInTheDocument();
    expect(codes).toEqual(['123456']);
    expect(bearers).toEqual(['Bearer plain-token', 'Bearer stepped-up']);
    expect(await screen.findByRole('link', { name: 'Public results and verification' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel drawing' })).not.toBeInTheDocument();
  });

  it('asks first when the session token carries no one-time code, so no request is refused', async () => {
    signInAdmin(jwt({ amr: undefined }));
    const current = { drawing: adminDrawing({ status: 'closed', prizes: [prize()] }) };
    drawingApi(current);
    const bearers: (string | null)[] = [];
    const stepped = jwt({ amr: ['pwd', 'otp'], auth_time: 1781107500 });
    server.use(
      http.post(`/api/v1/admin/drawings/${DRAWING_ID}/execute`, ({ request }) => {
        bearers.push(request.headers.get('Authorization'));
        return HttpResponse.json({ drawing: { ...current.drawing, status: 'completed' }, results: results(2) });
      }),
      http.post('/api/v1/auth/mfa/verify', () =>
        HttpResponse.json({ accessToken: stepped, expiresIn: 3600, tokenType: 'Bearer', authTime: '2026-06-10T16:05:00Z', amr: ['pwd', 'otp'] }),
      ),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Run the draw' }));
    const prompt = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    expect(bearers).toEqual([]);
    await user.type(within(prompt).getByLabelText('One-time code'), '654321');
    await user.click(within(prompt).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Drawn: 2 winners')).toBeInTheDocument();
    expect(bearers).toEqual([`Bearer ${stepped}`]);
    expect(sessionStore.get()?.accessToken).toBe(stepped);
  });

  it('runs nothing when the code prompt is closed', async () => {
    signInAdmin(jwt({}));
    drawingApi({ drawing: adminDrawing({ status: 'closed', prizes: [prize()] }) });
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Run the draw' }));
    const prompt = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    await user.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Not done: this needs a code from your authenticator')).toBeInTheDocument();
  });
});

describe('lifecycle', () => {
  it('schedules a draft, opens it and closes sales after confirming', async () => {
    signInAdmin();
    const current = { drawing: adminDrawing({ prizes: [prize()] }) };
    drawingApi(current);
    const steps: string[] = [];
    server.use(
      http.post(`/api/v1/admin/drawings/${DRAWING_ID}/:step`, ({ params }) => {
        const step = String(params.step);
        steps.push(step);
        const status = { schedule: 'scheduled', open: 'open', close: 'closed' }[step] ?? 'draft';
        current.drawing = { ...current.drawing, status, opensAt: null };
        return HttpResponse.json(current.drawing);
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Schedule' }));
    expect(await screen.findByText('Scheduled: sales open now')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Open sales now' }));
    expect(await screen.findByText('Ticket sales are open')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Edit terms' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Close sales now' }));
    const dialog = await screen.findByRole('dialog', { name: 'Close ticket sales now?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep selling' }));
    expect(steps).toEqual(['schedule', 'open']);
    await user.click(screen.getByRole('button', { name: 'Close sales now' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Close ticket sales now?' })).getByRole('button', { name: 'Close sales' }));
    expect(await screen.findByRole('button', { name: 'Run the draw' })).toBeInTheDocument();
    expect(steps).toEqual(['schedule', 'open', 'close']);
  });

  it('cancels only after the confirmation, with the reason', async () => {
    signInAdmin();
    const current = { drawing: adminDrawing({ status: 'open', prizes: [prize()] }) };
    drawingApi(current);
    const bodies: unknown[] = [];
    server.use(
      http.delete(`/api/v1/admin/drawings/${DRAWING_ID}`, async ({ request }) => {
        bodies.push(await request.json());
        current.drawing = { ...current.drawing, status: 'cancelled', cancelledAt: '2026-06-10T16:10:00Z', cancelReason: 'Sponsor withdrew' };
        return HttpResponse.json(current.drawing);
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/drawings/${DRAWING_ID}`);
    await user.click(await screen.findByRole('button', { name: 'Cancel drawing' }));
    let dialog = await screen.findByRole('dialog', { name: 'Cancel Daily Drawing?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep the drawing' }));
    expect(bodies).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel drawing' }));
    dialog = await screen.findByRole('dialog', { name: 'Cancel Daily Drawing?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Sponsor withdrew');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the drawing' }));
    expect(await screen.findByText('Drawing cancelled: every ticket is being refunded')).toBeInTheDocument();
    expect(bodies).toEqual([{ reason: 'Sponsor withdrew' }]);
    expect(await screen.findByText(/Sponsor withdrew/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel drawing' })).not.toBeInTheDocument();
  });
});
