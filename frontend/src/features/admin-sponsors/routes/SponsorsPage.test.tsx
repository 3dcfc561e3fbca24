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

  it("shows a logo from the site's own address, named by the sponsor, in the list and the edit dialog; one elsewhere is not loaded", async () => {
    signInAdmin();
    const ownLogo = `${window.location.origin}/media/sponsors/acme.png`;
    server.use(
      sponsorsList([
        adminSponsor({ logoUrl: ownLogo }),
        adminSponsor({ sponsorId: 's2', name: 'Old Gym Co', logoUrl: 'https://cdn.gym.example/logo.png' }),
      ]),
    );
    const user = userEvent.setup();
    renderRoute('/admin/sponsors');
    const table = await screen.findByRole('table', { name: 'Sponsors' });
    const logo = within(table).getByRole('img', { name: 'Acme Outdoor' });
    expect(logo).toHaveAttribute('src', ownLogo);
    expect(logo).toHaveAttribute('width', '32');
    expect(logo).toHaveAttribute('height', '32');
    expect(logo).toHaveAttribute('loading', 'lazy');
    // The CSP would block the other site's logo: no img asks for it, the initials stand in.
    expect(within(table).getAllByRole('img')).toEqual([logo]);
    expect(table.querySelector('img[src*="cdn.gym.example"]')).toBeNull();
    expect(within(within(table).getByRole('rowheader', { name: /Old Gym Co/ })).getByText('OG')).toHaveAttribute('aria-hidden', 'true');

    await user.click(within(table).getByRole('button', { name: 'Edit Acme Outdoor' }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit Acme Outdoor' });
    const current = within(dialog).getByRole('img', { name: 'Acme Outdoor' });
    expect(current).toHaveAttribute('src', ownLogo);
    expect(current).toHaveAttribute('width', '64');
    await user.keyboard('{Escape}');
    await user.click(within(table).getByRole('button', { name: 'Edit Old Gym Co' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit Old Gym Co' });
    expect(within(dialog).queryByRole('img')).not.toBeInTheDocument();
    expect(within(dialog).getByText(/The saved logo is on another site/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Logo URL (optional)')).toHaveValue('https://cdn.gym.example/logo.png');
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
