/**
 * Issue 20: a member upgrades to premium and enters a premium-only drawing with points.
 *
 * The member (made through the API, with points from the admin) takes the free entry of a
 * premium-only drawing while not premium: a sweepstakes keeps its free entry open to every
 * eligible member. Entering with points is refused to them; that check runs through the API,
 * since a refused request in the page is a console error for this suite. Then in the
 * browser: Go premium, choose monthly, pay on the Stripe simulator's hosted checkout page
 * with the test card, come back to the success page, see the Premium badge in the header
 * and buy tickets in the same drawing.
 */
import { adjustPoints, call } from '../drawing-setup.mjs';
import { createMember } from '../members.mjs';
import { log, nav, screen } from '../support.mjs';

const PASSWORD = 'Premium-Pace-2026!';

function createPremiumCandidate(base, width) {
  return createMember(base, {
    kind: 'premium',
    width,
    password: PASSWORD,
    displayName: 'Pacer',
    state: 'CA',
    dateOfBirth: '1991-03-14',
    profile: { biologicalSex: 'female', fitnessLevel: 'intermediate', goals: ['endurance'] },
  });
}

async function premiumDrawing(base, admin, clockStart, name) {
  const drawingTime = new Date(Date.parse(clockStart) + 60_000 + 6 * 3600_000).toISOString();
  const drawing = await call(base, 'POST', '/api/v1/admin/drawings', {
    token: admin,
    body: {
      type: 'daily',
      name,
      drawingTime,
      ticketCostPoints: 100,
      eligibility: { userType: 'premium', minAccountAgeDays: 0 },
    },
  });
  const id = drawing.drawingId;
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/prizes`, {
    token: admin,
    body: { rank: 1, name: 'Smart watch', valueUsd: 250, quantity: 1, fulfillmentType: 'physical' },
  });
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/schedule`, { token: admin });
  await call(base, 'POST', `/api/v1/admin/drawings/${id}/open`, { token: admin });
  return id;
}

/** Entering with points as a member who is not premium: refused, naming the rule. */
async function expectPointsRefused(base, access, drawingId) {
  const res = await fetch(`${base}/api/v1/drawings/${drawingId}/tickets`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${access}` },
    body: JSON.stringify({ quantity: 1 }),
  });
  const problem = await res.json();
  if (res.status !== 403 || problem.rule !== 'premium_only')
    throw new Error(`a non-premium member's points entry answered ${res.status} ${JSON.stringify(problem)}`);
}

async function signIn(page, base, email) {
  await page.goto(`${base}/login`);
  const notice = page.getByRole('complementary', { name: 'Storage notice' });
  if (await notice.isVisible()) await notice.getByRole('button', { name: 'Got it' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function openDrawing(page, name) {
  await nav(page, 'Drawings');
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name }).waitFor();
}

export async function upgradeAndEnterPremiumDrawing({ page, base, width, admin, clockStart }) {
  const member = await createPremiumCandidate(base, width);
  await adjustPoints(base, admin, member.userId, 1_000);
  const name = `Premium Drawing ${Date.now().toString(36)}${width}`;
  const drawingId = await premiumDrawing(base, admin, clockStart, name);
  await expectPointsRefused(base, member.access, drawingId);
  log('a premium-only drawing refuses points from a member who is not premium');

  await signIn(page, base, member.email);
  await openDrawing(page, name);
  await page.getByRole('button', { name: 'Free entry', exact: true }).click();
  await page.getByRole('button', { name: 'Free entry used' }).waitFor();
  log('the free entry is open to the member who is not premium');

  const header = page.getByRole('banner');
  await header.getByRole('link', { name: 'Go premium' }).click();
  const monthly = page.getByRole('region', { name: 'Monthly plan' });
  await monthly.waitFor();
  await screen(page, 'premium-plans', width);
  await monthly.getByRole('button', { name: 'Choose monthly' }).click();

  await page.waitForURL((url) => url.pathname.startsWith('/_sim/stripe/checkout/'));
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await screen(page, 'stripe-checkout', width);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.waitForURL((url) => url.pathname === '/billing/success');
  await page.getByText(/^You are premium until/).waitFor();
  await header.getByRole('link', { name: 'Premium', exact: true }).waitFor();
  await screen(page, 'premium-welcome', width);
  log('paid on the hosted checkout page; the header shows the Premium badge');

  await header.getByRole('link', { name: 'Premium', exact: true }).click();
  await page.getByRole('region', { name: 'Your subscription' }).getByText('Renews on', { exact: false }).waitFor();
  await screen(page, 'billing-settings', width);

  await openDrawing(page, name);
  await page.getByRole('button', { name: 'Buy tickets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Buy tickets' });
  await dialog.getByRole('button', { name: 'One more ticket' }).click();
  await dialog.getByRole('button', { name: 'Buy 2 tickets' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Bought #2–#3 for 200 points.', { exact: true }).waitFor();
  log('the premium member bought 2 tickets in the premium-only drawing');
}
