/**
 * Issue 16's console journey: an admin creates a sponsor, a drawing with two prizes, and
 * schedules and opens it in the console; two members (registered through the API) buy
 * tickets through the API; the admin closes sales and runs the draw, typing a one-time
 * code from the authenticator into the console's prompt; the winner confirms a shipping
 * address in the member app; the admin ships it from the fulfillment board; the member
 * sees it shipped. axe and a screenshot on each console screen.
 */
import { adjustPoints, buyTickets, login, myPrizes, totp } from '../drawing-setup.mjs';
import { createMember } from '../members.mjs';
import { log, screen } from '../support.mjs';

const MEMBER_PASSWORD = 'Trail-Run-2026!';
const TOTP_PERIOD_S = 30;

/** A member made through the API as the app would: registered, email confirmed, profile complete, 1,000 points. */
async function apiMember(base, admin, kind, width) {
  const member = await createMember(base, {
    kind,
    width,
    password: MEMBER_PASSWORD,
    displayName: 'Runner',
    profile: { fitnessLevel: 'advanced', goals: ['endurance'], timezone: 'America/Chicago' },
  });
  await adjustPoints(base, admin, member.userId, 1000);
  return { email: member.email, password: MEMBER_PASSWORD, userId: member.userId };
}

const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

/** The server's clock now, in seconds (the suite runs it from FITTRACK_CLOCK_START): a fresh token's iat. */
async function serverNowSeconds(base, member) {
  const sentAt = Date.now();
  const token = await login(base, member.email, member.password);
  return claims(token).iat + (Date.now() - sentAt) / 1000;
}

/**
 * A code the server takes now: a step later than any spent (the run's API step-up spent
 * at most the one after its auth_time's) and within one step of the server's. Waits for
 * the server's clock when needed, and keeps clear of a step's edges.
 */
async function nextCode(base, member, adminToken, secret) {
  const spentAtMost = Math.floor(claims(adminToken).auth_time / TOTP_PERIOD_S) + 1;
  for (;;) {
    const now = await serverNowSeconds(base, member);
    const step = Math.floor(now / TOTP_PERIOD_S);
    const intoStep = now - step * TOTP_PERIOD_S;
    if (step + 1 > spentAtMost && intoStep > 2 && intoStep < TOTP_PERIOD_S - 4) return totp(secret, step + 1);
    await new Promise((done) => setTimeout(done, 3000));
  }
}

/** A datetime-local value in the browser's own time zone for a server time (ms). */
function localInput(page, ms) {
  return page.evaluate((t) => {
    const d = new Date(t);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, ms);
}

async function signIn(page, base, { email, password }) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
}

async function adminArea(page, label) {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

async function createSponsor(page, width, name) {
  await adminArea(page, 'Sponsors');
  await page.getByRole('button', { name: 'Add sponsor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add sponsor' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Contact name (optional)').fill('Dana Reyes');
  await dialog.getByLabel('Website (optional)').fill('https://outfitters.example');
  await screen(page, 'admin-sponsor-form', width);
  await dialog.getByRole('button', { name: 'Add sponsor' }).click();
  await page.getByRole('table', { name: 'Sponsors' }).getByRole('rowheader', { name: new RegExp(name) }).waitFor();
  await screen(page, 'admin-sponsors', width);
  log('sponsor created in the console:', name);
}

async function addPrize(page, { rank, name, value, sponsor }) {
  await page.getByRole('button', { name: 'Add prize' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add prize' });
  await dialog.getByLabel('Rank').fill(String(rank));
  await dialog.getByLabel('Prize name').fill(name);
  await dialog.getByLabel('Value in USD').fill(String(value));
  await dialog.getByLabel('Sponsor (optional)').selectOption({ label: sponsor });
  await dialog.getByRole('button', { name: 'Add prize' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('table', { name: 'Prizes by rank' }).getByRole('rowheader', { name }).waitFor();
}

const MINUTE = 60_000;

/**
 * Drawing time about 9 minutes ahead (a whole minute, as the form takes it) and sales
 * opening 6 minutes before it, a minute before the close: the lifecycle job (every minute)
 * has then nothing to do while the admin opens sales early and then closes them.
 */
function drawingTimes(serverNowMs) {
  const drawingTime = Math.floor((serverNowMs + 9.5 * MINUTE) / MINUTE) * MINUTE;
  return { drawingTime, opensAt: drawingTime - 6 * MINUTE };
}

async function createAndOpenDrawing(page, width, { name, sponsor, prizes, serverNowMs }) {
  const times = drawingTimes(serverNowMs);
  await adminArea(page, 'Drawings');
  await screen(page, 'admin-drawings', width);
  await page.getByRole('link', { name: 'New drawing' }).click();
  await page.getByRole('heading', { level: 1, name: 'New drawing' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Type').selectOption('daily');
  await page.getByLabel('Ticket cost in points').fill('100');
  await page.getByLabel('Drawing time').fill(await localInput(page, times.drawingTime));
  await page.getByLabel('Opens at (optional)').fill(await localInput(page, times.opensAt));
  await page.getByLabel('Minimum account age in days').fill('0');
  await screen(page, 'admin-drawing-new', width);
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  for (const prize of prizes) await addPrize(page, { ...prize, sponsor });
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByRole('button', { name: 'Open sales now' }).click();
  await page.getByRole('button', { name: 'Close sales now' }).waitFor();
  await screen(page, 'admin-drawing-open', width);
  const drawingId = page.url().split('/').pop();
  log('drawing created, scheduled and opened in the console:', drawingId);
  return { drawingId, drawingTime: times.drawingTime };
}

async function closeSales(page) {
  await page.getByRole('button', { name: 'Close sales now' }).click();
  await page.getByRole('dialog', { name: 'Close ticket sales now?' }).getByRole('button', { name: 'Close sales' }).click();
  await page.getByRole('button', { name: 'Run the draw' }).waitFor();
  log('sales closed early in the console');
}

/**
 * The draw's randomness is the drand round fixed when sales opened: the first published
 * at or after the scheduled sales close (drawing time − 5 min) + 60 s (docs/drawings.md),
 * however early sales really closed. Until the server's clock reaches it the draw would
 * be refused, so the admin waits (the lifecycle job draws only at the drawing time).
 */
async function runTheDraw(page, width, code) {
  await page.getByRole('button', { name: 'Run the draw' }).click();
  const prompt = page.getByRole('dialog', { name: 'Confirm with your authenticator' });
  await prompt.getByLabel('One-time code').waitFor();
  await screen(page, 'admin-step-up', width);
  await prompt.getByLabel('One-time code').fill(await code());
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('link', { name: 'Public results and verification' }).waitFor();
  await page.getByRole('table', { name: 'Audit trail' }).getByRole('rowheader', { name: 'Executed' }).waitFor();
  await screen(page, 'admin-drawing-drawn', width);
  log('the draw ran with a one-time code typed into the console');
}

async function confirmAddress(page, base, member) {
  await signIn(page, base, member);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My prizes', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm shipping address' }).click();
  const address = page.getByRole('dialog', { name: 'Shipping address' });
  await address.getByLabel('Full name').fill('Alex Rivera');
  await address.getByLabel('Street address').fill('500 E 4th St');
  await address.getByLabel('City').fill('Austin');
  await address.getByLabel('State').selectOption('TX');
  await address.getByLabel(/ZIP code/).fill('78701');
  await address.getByRole('button', { name: 'Confirm address' }).click();
  await address.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Change shipping address' }).waitFor();
  log('the winner confirmed a shipping address');
  await signOut(page);
}

async function shipFromTheBoard(page, width, prizeName, tracking) {
  await adminArea(page, 'Fulfillment');
  const card = page.getByRole('region', { name: prizeName });
  await card.waitFor();
  await screen(page, 'admin-fulfillment', width);
  await card.getByRole('button', { name: `Ship ${prizeName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Ship ${prizeName}` });
  await dialog.getByLabel('Carrier').fill('USPS');
  await dialog.getByLabel('Tracking number').fill(tracking);
  await screen(page, 'admin-ship', width);
  await dialog.getByRole('button', { name: 'Mark shipped' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: 'Shipped' }).click();
  await page.getByRole('region', { name: prizeName }).getByText(tracking, { exact: true }).waitFor();
  await screen(page, 'admin-fulfillment-shipped', width);
  log('shipped from the fulfillment board:', prizeName, tracking);
}

export async function adminRunsADrawing({ page, base, width, admin, credentials }) {
  const suffix = `${Date.now().toString(36)}${width}`;
  const sponsor = `Trail Outfitters ${suffix}`;
  const prizes = [
    { rank: 1, name: `Trail bike ${suffix}`, value: 450 },
    { rank: 2, name: `Hiking pack ${suffix}`, value: 120 },
  ];
  const [winner, other] = [await apiMember(base, admin, 'winner', width), await apiMember(base, admin, 'entrant', width)];

  await page.goto(`${base}/`);
  await page.getByRole('complementary', { name: 'Storage notice' }).getByRole('button', { name: 'Got it' }).click();
  await signIn(page, base, credentials);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  await createSponsor(page, width, sponsor);
  const serverNowMs = (await serverNowSeconds(base, winner)) * 1000;
  const { drawingId } = await createAndOpenDrawing(page, width, { name: `Console Drawing ${suffix}`, sponsor, prizes, serverNowMs });

  for (const [member, quantity] of [[winner, 3], [other, 2]]) await buyTickets(base, await login(base, member.email, member.password), drawingId, quantity);
  log('two members bought 5 tickets through the API');

  // The suite's beacon runs a day ahead (run.mjs), so the drawing's round exists already.
  await closeSales(page);
  await runTheDraw(page, width, () => nextCode(base, winner, admin, credentials.totpSecret));
  await signOut(page);

  // Two prizes and two entrants: each wins one (nobody wins twice).
  const [won] = await myPrizes(base, await login(base, winner.email, winner.password));
  if (!won || !prizes.some((p) => p.name === won.prizeName)) throw new Error(`the winner holds no prize of this drawing: ${JSON.stringify(won)}`);
  await confirmAddress(page, base, winner);

  await signIn(page, base, credentials);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  const tracking = `9400${Date.now().toString().slice(-10)}${width}`;
  await shipFromTheBoard(page, width, won.prizeName, tracking);
  await signOut(page);

  await signIn(page, base, winner);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My prizes', exact: true }).click();
  const card = page.getByRole('region', { name: won.prizeName });
  await card.locator('.badge', { hasText: 'Shipped' }).waitFor();
  await card.getByText('USPS', { exact: true }).waitFor();
  await card.getByText(tracking, { exact: true }).waitFor();
  await screen(page, 'admin-journey-member-shipped', width);
  log('the winner sees the prize shipped by USPS with tracking', tracking);
}
