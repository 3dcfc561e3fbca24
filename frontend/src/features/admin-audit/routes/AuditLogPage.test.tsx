import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { invalidFields, loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import type { components } from '@/lib/api/schema';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

const ADMIN = '00000000-0000-4000-8000-00000000ad01';
const MEMBER = '00000000-0000-4000-8000-0000000000a1';

function entry(seq: number, overrides: Partial<components['schemas']['AuditEntryView']> = {}): components['schemas']['AuditEntryView'] {
  return {
    auditId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    entityType: 'user',
    entityId: MEMBER,
    action: 'user.suspended',
    actorId: ADMIN,
    before: { status: 'active' },
    after: { status: 'suspended', reason: `case ${seq}` },
    createdAt: '2026-06-10T15:00:00Z',
    prevHash: 'aa',
    entryHash: 'bb',
    ...overrides,
  };
}

loadConsole(() => import('@/features/admin-audit/routes'));

describe('audit log', () => {
  it('filters by actor, entity, action and days from the URL and the form, with before/after per entry and paging', async () => {
    signInAdmin();
    const queries: string[] = [];
    server.use(
      http.get('/api/v1/admin/audit', ({ request }) => {
        const url = new URL(request.url);
        queries.push(url.search);
        const page = Number(url.searchParams.get('page'));
        if (url.searchParams.get('action') === 'drawing.executed') return HttpResponse.json({ entries: [], pagination: pagination(0, 1, 50) });
        return HttpResponse.json({ entries: [entry(100 - page)], pagination: { ...pagination(60, page, 50) } });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderRoute(`/admin/audit?entityType=user&entityId=${MEMBER}`);
    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    expect(within(table).getByText('99')).toBeInTheDocument();
    expect(within(table).getByText(/"reason": "case 99"/)).toBeInTheDocument();
    expect(within(table).getByText(/"status": "active"/)).toBeInTheDocument();
    expect(screen.getByLabelText('Entity')).toHaveValue('user');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText(/"reason": "case 98"/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Actor (admin id)'), ADMIN);
    await user.type(screen.getByLabelText('Action'), 'drawing.executed');
    await user.type(screen.getByLabelText('From'), '2026-06-01');
    await user.type(screen.getByLabelText('To'), '2026-06-10');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(await screen.findByText('No entries match')).toBeInTheDocument();
    expect(router.state.location.search).toBe(`?actorId=${ADMIN}&entityType=user&entityId=${MEMBER}&action=drawing.executed&from=2026-06-01&to=2026-06-10`);
    expect(queries).toEqual([
      `?page=1&limit=50&entityType=user&entityId=${MEMBER}`,
      `?page=2&limit=50&entityType=user&entityId=${MEMBER}`,
      `?page=1&limit=50&actorId=${ADMIN}&entityType=user&entityId=${MEMBER}&action=drawing.executed&from=2026-06-01&to=2026-06-10`,
    ]);
  });

  it("checks the form's values and shows the API's refusal on its field", async () => {
    signInAdmin();
    server.use(
      http.get('/api/v1/admin/audit', ({ request }) =>
        new URL(request.url).searchParams.get('from') === '2019-12-31'
          ? invalidFields({ field: 'from', message: 'Input should be greater than or equal to 2020-01-01', code: 'greater_than_equal' })
          : HttpResponse.json({ entries: [entry(1)], pagination: pagination(1, 1, 50) }),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/admin/audit');
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    await user.type(screen.getByLabelText('Actor (admin id)'), 'not-an-id');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(await screen.findByText(/An admin id looks like/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Actor (admin id)'));
    await user.type(screen.getByLabelText('From'), '2019-12-31');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(await screen.findByText('Input should be greater than or equal to 2020-01-01', { selector: '.field-error' })).toBeInTheDocument();
  });

  it('checks the hash chain: intact, then broken at the entry the API names', async () => {
    signInAdmin();
    const answers = [
      { ok: true, checked: 1234, firstBadSeq: null, problem: null },
      { ok: false, checked: 57, firstBadSeq: 57, problem: 'entry changed' },
    ];
    server.use(
      http.get('/api/v1/admin/audit', () => HttpResponse.json({ entries: [entry(1)], pagination: pagination(1, 1, 50) })),
      http.get('/api/v1/admin/audit/verify', () => HttpResponse.json(answers.shift())),
    );
    const user = userEvent.setup();
    renderRoute('/admin/audit');
    await user.click(await screen.findByRole('button', { name: 'Check chain' }));
    expect(await screen.findByText('Chain intact: 1,234 entries checked.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Check chain' }));
    expect(await screen.findByText('Chain broken at entry #57: entry changed.')).toBeInTheDocument();
    await waitFor(() => expect(answers).toEqual([]));
  });
});
