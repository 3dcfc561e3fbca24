import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';

const terms = {
  kind: 'terms',
  version: '2026-11',
  title: 'Terms of Service',
  current: false,
  currentVersion: '2026-12',
  versions: ['2026-11', '2026-12'],
  format: 'markdown',
  text: '# Terms\n\nYou must be **18**.\n\n<script>alert(1)</script>',
};

describe('legal document page', () => {
  it('renders the requested version as markdown without raw HTML', async () => {
    server.use(http.get('/api/v1/legal/terms/2026-11', () => HttpResponse.json(terms)));
    const { container } = renderRoute('/legal/terms/2026-11');
    expect(await screen.findByRole('heading', { name: 'Terms of Service' })).toBeInTheDocument();
    expect(screen.getByText(/Version 2026-11, superseded by/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'version 2026-12' })).toHaveAttribute('href', '/legal/terms/2026-12');
    expect(screen.getByText('18').tagName).toBe('STRONG');
    expect(container.querySelector('.legal-text script')).toBeNull();
  });

  it('says clearly when the version does not exist', async () => {
    server.use(
      http.get('/api/v1/legal/terms/1999-01', () =>
        HttpResponse.json({ type: 'about:blank', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } }),
      ),
    );
    renderRoute('/legal/terms/1999-01');
    expect(await screen.findByText('This document was not found')).toBeInTheDocument();
  });

  it('refuses an unknown kind without asking the API', async () => {
    renderRoute('/legal/cookies');
    expect(await screen.findByText('This document was not found')).toBeInTheDocument();
  });
});

describe('footer', () => {
  it('links every page to the current legal documents', async () => {
    renderRoute('/legal/cookies');
    const footer = await screen.findByRole('navigation', { name: 'Legal' });
    expect(footer.querySelector('a[href="/legal/terms"]')).not.toBeNull();
    expect(footer.querySelector('a[href="/legal/privacy"]')).not.toBeNull();
    expect(footer.querySelector('a[href="/legal/sweepstakes-rules"]')).not.toBeNull();
  });
});
