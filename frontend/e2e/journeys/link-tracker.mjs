/**
 * Journey (1), second half: the registered member links Fitbit on the trackers page
 * through the tracker simulator's consent page (in the popup the app opens), the local
 * worker runs the first sync, and the member sees points for today on the dashboard and a
 * rank under "My position" on the leaderboards page.
 *
 * The simulator makes up deterministic activity for whichever simulated user grants
 * access, so the member signs in there as themselves; at the suite's clock (noon in New
 * York) the morning's hours are already recorded. No refresh of the leaderboards is
 * triggered: an ingest updates the boards, and a board that is missing is built on read.
 */
import { headerBalance, log, nav, PATIENCE_MS, pointsInHeader, screen, snapshot } from '../support.mjs';

const PROVIDER = 'Fitbit (Google Health)';
const FIRST_SYNC_TIMEOUT_MS = 2 * PATIENCE_MS;

/** The consent page in the popup the Connect button opens; the popup closes itself after. */
async function grantOnConsentPage(page, width, email) {
  const available = page.locator('section.card', { has: page.getByRole('heading', { name: 'Available' }) });
  const row = available.getByRole('listitem').filter({ hasText: PROVIDER });
  const [popup] = await Promise.all([page.waitForEvent('popup'), row.getByRole('button', { name: 'Connect' }).click()]);
  await popup.getByRole('heading', { name: /\(local simulator\)$/ }).waitFor();
  // The simulator stands in for Google's consent page (not ours), so it gets a screenshot but no axe audit.
  await snapshot(popup, 'tracker-consent', width);
  await popup.getByLabel('Simulated user').fill(email);
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Allow' }).click()]);
}

/** The trackers page as the member reloads it until the first sync has run. */
async function waitForFirstSync(page, connection) {
  const deadline = Date.now() + FIRST_SYNC_TIMEOUT_MS;
  while (!(await connection.getByText(/^Last synced /).isVisible())) {
    if (Date.now() > deadline) throw new Error(`the first sync did not finish within ${FIRST_SYNC_TIMEOUT_MS / 1000}s`);
    await page.waitForTimeout(1_000);
    // Never reload over an in-flight refresh: the server rotates the refresh token, and a
    // response the browser drops leaves the old one in the cookie (reuse ends the session).
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.getByRole('heading', { name: 'Connected' }).waitFor();
  }
}

/** Reads until the value is acceptable: a page shows cached data first, then what it refetched. */
async function settled(read, acceptable, what, timeoutMs = PATIENCE_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (acceptable(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${value} after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function todaysPoints(page) {
  const today = page.getByRole('progressbar', { name: 'Points today against the daily cap' });
  await today.waitFor();
  return Number(await today.getAttribute('aria-valuenow'));
}

export async function linkTrackerAndSync({ page, width, member }) {
  await nav(page, 'Trackers');
  await page.getByRole('heading', { name: 'Trackers', level: 1 }).waitFor();
  await page.getByText('No tracker connected yet').waitFor();
  await screen(page, 'trackers', width);
  await headerBalance(page).waitFor();
  const balanceBefore = await pointsInHeader(page);

  await grantOnConsentPage(page, width, member.email);
  await page.getByText('Tracker connected').first().waitFor();
  const connected = page.locator('section.card', { has: page.getByRole('heading', { name: 'Connected' }) });
  const connection = connected.getByRole('listitem').filter({ hasText: PROVIDER });
  await connection.getByText('active', { exact: true }).waitFor();
  log('Fitbit linked on the simulator, waiting for the first sync');
  await waitForFirstSync(page, connection);
  log('first sync done:', await connection.getByText(/^Last synced /).innerText());
  await screen(page, 'trackers-linked', width);

  await nav(page, 'Dashboard');
  const points = await settled(() => todaysPoints(page), (p) => p > 0, 'points today on the dashboard after the first sync');
  const balance = await settled(
    () => pointsInHeader(page),
    (b) => b >= balanceBefore + points,
    `the header balance (${balanceBefore} before the sync, ${points} points today)`,
  );
  await page.getByText('No tracker connected yet').waitFor({ state: 'detached' });
  log(`dashboard: ${points} points today, balance ${balanceBefore} -> ${balance}`);
  await screen(page, 'dashboard-synced', width);

  await nav(page, 'Leaderboards');
  const position = page.locator('section.card', { has: page.getByRole('heading', { name: 'My position' }) });
  const standing = position.getByText(/^#[\d,]+ of [\d,]+ in .+ · [\d,]+ points$/);
  await standing.waitFor();
  const text = await standing.innerText();
  if (/· 0 points$/.test(text)) throw new Error(`the leaderboard ranks the member without points: ${text}`);
  await position.getByRole('row', { name: /\(you\)/ }).waitFor();
  log('leaderboard, my position:', text);
  await screen(page, 'leaderboards', width);
}
