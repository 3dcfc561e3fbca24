import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { invalidFields, loadConsole, signInAdmin, stepUpChallenge, stepUpVerify } from '@/features/admin/testing/admin';
import { pagination } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';
import { MEMBER_ID, memberDetail, memberPage, memberRow, statusAction } from './fixtures';

const detailUrl = `/api/v1/admin/users/${MEMBER_ID}`;

function detailApi(detail = memberDetail()) {
  const actionPages: string[] = [];
  server.use(
    http.get(detailUrl, () => HttpResponse.json(detail)),
    http.get(`${detailUrl}/actions`, ({ request }) => {
      actionPages.push(new URL(request.url).searchParams.get('page') ?? '');
      return HttpResponse.json({ items: [statusAction], pagination: pagination(1) });
    }),
  );
  return actionPages;
}

loadConsole(() => import('@/features/admin-members/routes'));

describe('members search', () => {
  it('reads its filters from the URL, searches, sorts and pages, keeping the search in the URL', async () => {
    signInAdmin();
    const queries: string[] = [];
    server.use(
      http.get('/api/v1/admin/users', ({ request }) => {
        const url = new URL(request.url);
        queries.push(url.search);
        const page = Number(url.searchParams.get('page'));
        if (url.searchParams.get('email') === 'nobody') return HttpResponse.json(memberPage([], 0));
        return HttpResponse.json(memberPage([memberRow(page, { status: 'suspended' })], 40, page));
      }),
    );
    const user = userEvent.setup();
    const { router } = renderRoute('/admin/members?status=suspended&role=user');
    expect(await screen.findByRole('link', { name: 'member1@example.com' })).toHaveAttribute('href', `/admin/members/${memberRow(1).userId}`);
    const table = screen.getByRole('table', { name: /Members matching the search/ });
    expect(within(table).getByText('Suspended')).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('suspended');
    expect(screen.getByLabelText('Role')).toHaveValue('user');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'member2@example.com' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=suspended&role=user&page=2');

    await user.type(screen.getByLabelText('Email starts with'), 'sam');
    await user.selectOptions(screen.getByLabelText('Sort'), 'email');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.search).toBe('?email=sam&status=suspended&role=user&sort=email'));
    expect(await screen.findByRole('link', { name: 'member1@example.com' })).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Email starts with'));
    await user.type(screen.getByLabelText('Email starts with'), 'nobody');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('No members match')).toBeInTheDocument();
    expect(queries).toEqual([
      '?sort=-createdAt&page=1&limit=20&status=suspended&role=user',
      '?sort=-createdAt&page=2&limit=20&status=suspended&role=user',
      '?sort=email&page=1&limit=20&email=sam&status=suspended&role=user',
      '?sort=email&page=1&limit=20&email=nobody&status=suspended&role=user',
    ]);
  });

  it("puts the API's refusal of a search on the field it names", async () => {
    signInAdmin();
    server.use(
      http.get('/api/v1/admin/users', ({ request }) =>
        new URL(request.url).searchParams.get('tier')
          ? invalidFields({ field: 'tier', message: 'String should have at most 20 characters', code: 'string_too_long' })
          : HttpResponse.json(memberPage([memberRow(1)])),
      ),
    );
    const user = userEvent.setup();
    renderRoute('/admin/members');
    await screen.findByRole('link', { name: 'member1@example.com' });
    expect(screen.getByText('1 member')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Tier'), 'F-30-39-BEG-TOO-LONG');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('String should have at most 20 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Tier')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('member detail', () => {
  it('shows the profile, points, trackers, flags, sessions, entries, appeals and history', async () => {
    signInAdmin();
    detailApi();
    renderRoute(`/admin/members/${MEMBER_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sam Walker' })).toBeInTheDocument();
    const ledger = screen.getByRole('table', { name: 'Ledger by entry type' });
    expect(within(within(ledger).getByRole('row', { name: /Spend/ })).getByText('-2,200')).toBeInTheDocument();
    const trackers = screen.getByRole('table', { name: 'Connections and their sync state' });
    expect(within(trackers).getByText('Failing')).toBeInTheDocument();
    expect(within(trackers).getByText('provider timeout')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Review flags (1 open)' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Active sessions' })).getByText('Firefox on Linux')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'The 20 most recent entries' })).getByText('22')).toBeInTheDocument();
    expect(screen.getByText('I was travelling, the steps are real.')).toBeInTheDocument();
    const history = await screen.findByRole('table', { name: 'Actions on this member, newest first' });
    expect(within(history).getByText('Chargeback fraud')).toBeInTheDocument();
    expect(within(history).getByText(/"status": "suspended"/)).toBeInTheDocument();
  });

  it('suspends after the confirmation, asking for a one-time code when the API wants one, and retries', async () => {
    signInAdmin();
    detailApi();
    const codes: string[] = [];
    const attempts: { token: string | null; body: unknown }[] = [];
    server.use(
      stepUpVerify('123456', codes),
      http.put(`${detailUrl}/status`, async ({ request }) => {
        const token = request.headers.get('Authorization');
        attempts.push({ token, body: await request.json() });
        if (token !== 'Bearer stepped-up') return stepUpChallenge();
        return HttpResponse.json({ userId: MEMBER_ID, role: 'user', status: 'suspended', premiumExpiresAt: null, sessionsRevoked: 2 });
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/members/${MEMBER_ID}`);
    const form = await screen.findByRole('form', { name: 'Change status' });
    await user.selectOptions(within(form).getByLabelText('New status'), 'suspended');
    await user.type(within(form).getByLabelText('Reason'), 'Chargeback fraud');
    await user.click(within(form).getByRole('button', { name: 'Save status' }));

    const confirm = await screen.findByRole('dialog', { name: 'Suspend sam@example.com?' });
    expect(attempts).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Confirm' }));

    const stepUp = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    await user.type(within(stepUp).getByLabelText('One-time code'), '654321');
    await user.click(within(stepUp).getByRole('button', { name: 'Confirm' }));
    expect(await within(stepUp).findByText('That code is not valid.')).toBeInTheDocument();
    await user.clear(within(stepUp).getByLabelText('One-time code'));
    await user.type(within(stepUp).getByLabelText('One-time code'), '123456');
    await user.click(within(stepUp).getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByText('Status is now suspended')).toBeInTheDocument();
    expect(screen.getByText('2 sessions signed out.')).toBeInTheDocument();
    expect(codes).toEqual(['654321', '123456']);
    expect(attempts).toEqual([
      { token: 'Bearer admin-access', body: { status: 'suspended', reason: 'Chargeback fraud' } },
      { token: 'Bearer stepped-up', body: { status: 'suspended', reason: 'Chargeback fraud' } },
    ]);
  });

  it('changes nothing when the confirmation is cancelled, and needs a reason', async () => {
    signInAdmin();
    detailApi();
    let calls = 0;
    server.use(
      http.put(`${detailUrl}/status`, () => {
        calls += 1;
        return HttpResponse.json({ userId: MEMBER_ID, role: 'user', status: 'banned' });
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/members/${MEMBER_ID}`);
    const form = await screen.findByRole('form', { name: 'Change status' });
    await user.selectOptions(within(form).getByLabelText('New status'), 'banned');
    await user.click(within(form).getByRole('button', { name: 'Save status' }));
    expect(await within(form).findByText('Say why: the member reads it in the notice.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Reason'), 'Repeated fraud');
    await user.click(within(form).getByRole('button', { name: 'Save status' }));
    const confirm = await screen.findByRole('dialog', { name: 'Ban sam@example.com?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls).toBe(0);
  });

  it("reinstates without a confirmation and shows the API's refusal on the form", async () => {
    signInAdmin();
    detailApi(memberDetail({ status: 'suspended' }));
    server.use(
      http.put(`${detailUrl}/status`, () =>
        invalidFields({ field: 'reason', message: 'The reason has a character that is not allowed', code: 'pattern' }),
      ),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/members/${MEMBER_ID}`);
    const form = await screen.findByRole('form', { name: 'Change status' });
    await user.selectOptions(within(form).getByLabelText('New status'), 'active');
    await user.type(within(form).getByLabelText('Reason'), 'Appeal upheld');
    await user.click(within(form).getByRole('button', { name: 'Save status' }));
    expect(await within(form).findByText('The reason has a character that is not allowed')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('adjusts points through the step-up prompt and shows field errors', async () => {
    signInAdmin();
    detailApi();
    const bodies: unknown[] = [];
    server.use(
      stepUpVerify('111222'),
      http.post(`${detailUrl}/adjust-points`, async ({ request }) => {
        const body = (await request.json()) as { amount: number; reason: string };
        bodies.push(body);
        if (request.headers.get('Authorization') !== 'Bearer stepped-up') return stepUpChallenge();
        if (body.amount < -1000)
          return invalidFields({ field: 'amount', message: 'The balance cannot go below zero', code: 'insufficient' });
        return HttpResponse.json(
          {
            userId: MEMBER_ID,
            amount: body.amount,
            balance: 1450,
            reason: body.reason,
            actionId: '00000000-0000-4000-8000-0000000000b2',
            entry: { entryId: '00000000-0000-4000-8000-0000000000b3', entryType: 'adjust', amount: body.amount, balanceAfter: 1450, reason: body.reason, referenceType: null, referenceId: null, createdAt: '2026-06-10T16:00:00Z' },
          },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/members/${MEMBER_ID}`);
    const form = await screen.findByRole('form', { name: 'Adjust points' });
    await user.type(within(form).getByLabelText('Points'), '250');
    await user.type(within(form).getByLabelText('Reason for the adjustment'), 'Missed sync');
    await user.click(within(form).getByRole('button', { name: 'Adjust points' }));
    const stepUp = await screen.findByRole('dialog', { name: 'Confirm with your authenticator' });
    await user.type(within(stepUp).getByLabelText('One-time code'), '111222');
    await user.click(within(stepUp).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Credited 250 pts')).toBeInTheDocument();

    expect(within(form).getByLabelText('Points')).toHaveValue('');
    await user.type(within(form).getByLabelText('Points'), '-5000');
    expect(within(form).getByLabelText('Points')).toHaveValue('-5000');
    await user.type(within(form).getByLabelText('Reason for the adjustment'), 'Clawback');
    await user.click(within(form).getByRole('button', { name: 'Adjust points' }));
    expect(await within(form).findByText('The balance cannot go below zero')).toBeInTheDocument();
    expect(bodies).toEqual([
      { amount: 250, reason: 'Missed sync' },
      { amount: 250, reason: 'Missed sync' },
      { amount: -5000, reason: 'Clawback' },
    ]);
  });

  it('grants premium until the end of the chosen day and ends it after a confirmation', async () => {
    signInAdmin();
    detailApi(memberDetail({ role: 'premium', premiumExpiresAt: '2026-07-01T03:59:59Z' }));
    const granted: unknown[] = [];
    let ended = 0;
    server.use(
      http.put(`${detailUrl}/premium`, async ({ request }) => {
        granted.push(await request.json());
        return HttpResponse.json({ userId: MEMBER_ID, role: 'premium', status: 'active', premiumExpiresAt: '2026-08-01T03:59:59Z' });
      }),
      http.delete(`${detailUrl}/premium`, () => {
        ended += 1;
        return HttpResponse.json({ userId: MEMBER_ID, role: 'user', status: 'active', premiumExpiresAt: null });
      }),
    );
    const user = userEvent.setup();
    renderRoute(`/admin/members/${MEMBER_ID}`);
    const form = await screen.findByRole('form', { name: 'Premium' });
    await user.type(within(form).getByLabelText('Premium until'), '2026-07-31');
    await user.click(within(form).getByRole('button', { name: 'Change premium end' }));
    expect(await screen.findByText('Premium granted')).toBeInTheDocument();
    expect(granted).toEqual([{ until: new Date(2026, 6, 31, 23, 59, 59).toISOString() }]);

    await user.click(screen.getByRole('button', { name: 'End premium' }));
    const confirm = await screen.findByRole('dialog', { name: 'End premium now?' });
    await user.click(within(confirm).getByRole('button', { name: 'End premium' }));
    expect(await screen.findByText('Premium ended')).toBeInTheDocument();
    expect(ended).toBe(1);
  });
});
