import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { invalidFields, loadConsole, signInAdmin } from '@/features/admin/testing/admin';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';
import { adminSponsor, sponsorsList } from '../testing/fixtures';

loadConsole(() => import('./index'));

describe('SponsorsPage', () => {
  it('lists sponsors and filters by status', async () => {
    signInAdmin();
    const seen: string[] = [];
    server.use(sponsorsList([adminSponsor(), adminSponsor({ sponsorId: 's2', name: 'Old Gym Co', status: 'inactive' })], seen));
    const user = userEvent.setup();
    renderRoute('/admin/sponsors');
    const table = await screen.findByRole('table', { name: 'Sponsors' });
    expect(within(table).getByRole('rowheader', { name: /Acme Outdoor/ })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Deactivate Acme Outdoor' })).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Reactivate Old Gym Co' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'inactive');
    await screen.findByRole('table', { name: 'Sponsors' });
    expect(seen).toEqual(['all', 'inactive']);
  });

  it('adds a sponsor, putting the API field errors on their fields', async () => {
    signInAdmin();
    server.use(sponsorsList([]));
    const sent: unknown[] = [];
    server.use(
      http.post('/api/v1/admin/sponsors', async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        sent.push(body);
        if (sent.length === 1)
          return invalidFields({ field: 'websiteUrl', message: 'String should match pattern', code: 'string_pattern_mismatch' });
        return HttpResponse.json(adminSponsor({ name: String(body.name) }), { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/sponsors');
    expect(await screen.findByText('No sponsors here')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add sponsor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add sponsor' });
    await user.click(within(dialog).getByRole('button', { name: 'Add sponsor' }));
    expect(await within(dialog).findByText('Enter the sponsor’s name.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Name'), 'Acme Outdoor');
    await user.type(within(dialog).getByLabelText('Contact email (optional)'), 'dana@acme.example');
    await user.type(within(dialog).getByLabelText('Website (optional)'), 'https://acme.example/ä');
    await user.click(within(dialog).getByRole('button', { name: 'Add sponsor' }));
    const website = within(dialog).getByLabelText('Website (optional)');
    expect(await within(dialog).findByText('String should match pattern')).toBeInTheDocument();
    expect(website).toHaveAttribute('aria-invalid', 'true');
    expect(sent[0]).toEqual({
      name: 'Acme Outdoor',
      contactName: null,
      contactEmail: 'dana@acme.example',
      websiteUrl: 'https://acme.example/ä',
      logoUrl: null,
    });

    await user.clear(website);
    await user.type(website, 'https://acme.example');
    await user.click(within(dialog).getByRole('button', { name: 'Add sponsor' }));
    expect(await screen.findByText('Acme Outdoor added')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Add sponsor' })).not.toBeInTheDocument();
  });

  it('edits a sponsor', async () => {
    signInAdmin();
    server.use(sponsorsList([adminSponsor()]));
    let sent: unknown;
    server.use(
      http.put('/api/v1/admin/sponsors/:id', async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(adminSponsor({ contactName: 'Lee Park' }));
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/sponsors');
    await user.click(await screen.findByRole('button', { name: 'Edit Acme Outdoor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Acme Outdoor' });
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Acme Outdoor');
    const contact = within(dialog).getByLabelText('Contact name (optional)');
    await user.clear(contact);
    await user.type(contact, 'Lee Park');
    await user.click(within(dialog).getByRole('button', { name: 'Save sponsor' }));
    expect(await screen.findByText('Sponsor saved')).toBeInTheDocument();
    expect(sent).toMatchObject({ name: 'Acme Outdoor', contactName: 'Lee Park', websiteUrl: 'https://acme.example' });
  });

  it('deactivates only after confirming', async () => {
    signInAdmin();
    server.use(sponsorsList([adminSponsor()]));
    let deleted = 0;
    server.use(
      http.delete('/api/v1/admin/sponsors/:id', () => {
        deleted += 1;
        return HttpResponse.json(adminSponsor({ status: 'inactive' }));
      }),
    );
    const user = userEvent.setup();
    renderRoute('/admin/sponsors');
    await user.click(await screen.findByRole('button', { name: 'Deactivate Acme Outdoor' }));
    let dialog = await screen.findByRole('dialog', { name: 'Deactivate Acme Outdoor?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep active' }));
    expect(deleted).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Deactivate Acme Outdoor' }));
    dialog = await screen.findByRole('dialog', { name: 'Deactivate Acme Outdoor?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate sponsor' }));
    expect(await screen.findByText('Acme Outdoor deactivated')).toBeInTheDocument();
    expect(deleted).toBe(1);
  });
});
