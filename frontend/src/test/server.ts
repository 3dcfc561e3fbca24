import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { balance, noSubscription } from './fixtures';

/** The legal documents every registration form links (the versions it records). */
export const LEGAL_VERSION = '2026-11';
const legalDocuments = http.get('/api/v1/legal/:kind', ({ params }) =>
  HttpResponse.json({
    kind: params.kind,
    version: LEGAL_VERSION,
    title: `The ${String(params.kind)} document`,
    current: true,
    currentVersion: LEGAL_VERSION,
    versions: [LEGAL_VERSION],
    format: 'markdown',
    text: '# Title\n\nText.',
  }),
);

/** What the signed-in layout's header reads on every member page: the balance, the unread
 * count and the premium badge's subscription. Tests that look at them install their own, which
 * take precedence. */
const memberHeader = [
  http.get('/api/v1/points/balance', () => HttpResponse.json(balance)),
  http.get('/api/v1/notifications/unread-count', () => HttpResponse.json({ unreadCount: 0 })),
  http.get('/api/v1/billing/subscription', () => HttpResponse.json(noSubscription)),
];

/** MSW intercepts fetch at the network boundary; each test adds the handlers it needs on top of
 * these (a request no handler answers fails the test: src/test/setup.ts). */
export const server = setupServer(legalDocuments, ...memberHeader);
