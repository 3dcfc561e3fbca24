/**
 * Issue 16: an admin suspends a member, the member appeals, the admin reinstates.
 *
 * The admin works in a second browser context: finds the member in the console and
 * suspends them with the Change status form (confirmed, then a one-time code typed into
 * the step-up prompt). The member signs in suspended, sees the notice and appeals from the
 * app; the admin reinstates from the appeals queue with a note; the member reloads, is
 * active without the notice, and reads the notification.
 */
import { call, login, totp } from '../drawing-setup.mjs';
import { createMember } from '../members.mjs';
import { log, PATIENCE_MS, screen, watchConsole } from '../support.mjs';

const PASSWORD = 'Steady-Climb-2026!';
const TOTP_PERIOD_S = 30;
const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

function createAppellant(base, width) {
  return createMember(base, { kind: 'appeal', width, password: PASSWORD, displayName: 'Climber', dateOfBirth: '1988-09-02' });
}

/**
 * A code the server takes now: for a step after the one the run's API step-up may have
 * spent (its auth_time's, or the next), within one step of the server's clock (read from a
 * fresh token's iat, since the suite runs the server from FITTRACK_CLOCK_START), and clear
 * of a step's edges.
 */
async function nextCode(base, member, adminToken, secret) {
  const spentAtMost = Math.floor(claims(adminToken).auth_time / TOTP_PERIOD_S) + 1;
  for (;;) {
    const sentAt = Date.now();
    const now = claims(await login(base, member.email, PASSWORD)).iat + (Date.now() - sentAt) / 1000;
    const step = Math.floor(now / TOTP_PERIOD_S);
    const intoStep = now - step * TOTP_PERIOD_S;
    if (step + 1 > spentAtMost && intoStep > 2 && intoStep < TOTP_PERIOD_S - 4) return totp(secret, step + 1);
    await new Promise((done) => setTimeout(done, 3000));
  }
}

async function signIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  const notice = page.getByRole('complementary', { name: 'Storage notice' });
  if (await notice.isVisible()) await notice.getByRole('button', { name: 'Got it' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const suspensionNotice = (page) => page.getByRole('region', { name: 'Account suspended' });

async function openAdminContext(page, width, journey) {
  const context = await page.context().browser().newContext({ viewport: { width, height: width < 600 ? 812 : 900 } });
  context.setDefaultTimeout(PATIENCE_MS);
  const adminPage = await context.newPage();
  await watchConsole(adminPage, `${journey} (admin)`);
  return { context, adminPage };
}

/** The member's page in the console, found by searching their email: its header says the status. */
async function openMemberInConsole(adminPage, base, member, status) {
  await adminPage.goto(`${base}/admin/members?email=${encodeURIComponent(member.email)}`);
  await adminPage.getByRole('link', { name: member.email }).click();
  await adminPage.getByText(`${member.email} · ${status}`).waitFor();
}

async function suspendInConsole({ adminPage, base, width, member, admin, credentials }) {
  await openMemberInConsole(adminPage, base, member, 'Active');
  await screen(adminPage, 'admin-member-active', width);
  const form = adminPage.getByRole('form', { name: 'Change status' });
  await form.getByLabel('New status').selectOption('suspended');
  await form.getByLabel('Reason').fill('Steps recorded while the tracker was reported lost.');
  await form.getByRole('button', { name: 'Save status' }).click();
  const confirm = adminPage.getByRole('dialog', { name: `Suspend ${member.email}?` });
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  const prompt = adminPage.getByRole('dialog', { name: 'Confirm with your authenticator' });
  await prompt.getByLabel('One-time code').fill(await nextCode(base, member, admin, credentials.totpSecret));
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await adminPage.locator('.toast-title', { hasText: 'Status is now suspended' }).waitFor();
  await adminPage.getByText(`${member.email} · Suspended`).waitFor();
}

export async function suspendAppealReinstate({ page, base, width, admin, credentials }) {
  const journey = `suspend, appeal, reinstate @${width}px`;
  const member = await createAppellant(base, width);
  log('member created', member.email);
  const { context, adminPage } = await openAdminContext(page, width, journey);
  try {
    await signIn(adminPage, base, credentials.email, credentials.password);
    await suspendInConsole({ adminPage, base, width, member, admin, credentials });
    log('the admin suspended the member in the console, with a one-time code');
    await memberAppeals(page, base, width, member);
    await reinstateInConsole(adminPage, base, width, member);
  } finally {
    await context.close();
  }
  await memberIsBack(page, width);
}

async function memberAppeals(page, base, width, member) {
  // A banned member's way in, seen by anyone: the public form (axe only; this member is not banned).
  await page.goto(`${base}/appeal`);
  await page.getByRole('heading', { name: 'Appeal a ban', level: 1 }).waitFor();
  await screen(page, 'appeal-public', width);

  await signIn(page, base, member.email, PASSWORD);
  const notice = suspensionNotice(page);
  await notice.waitFor();
  await screen(page, 'suspended-notice', width);
  await notice.getByRole('link', { name: 'Appeal the suspension' }).click();
  const form = page.getByRole('region', { name: 'Appeal the suspension' });
  await form.getByLabel('Your appeal').fill('The tracker was found in a friend’s bag; those steps were not mine. Please reinstate me.');
  await screen(page, 'appeal-member', width);
  await form.getByRole('button', { name: 'Send appeal' }).click();
  await page.getByText('Your appeal is waiting for a decision.').waitFor();
  log('the member appealed from the app');
}

async function reinstateInConsole(adminPage, base, width, member) {
  await adminPage.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Appeals' }).click();
  const appeal = adminPage.getByRole('region', { name: `Appeal from ${member.email}` });
  await appeal.getByText('those steps were not mine').waitFor();
  await appeal.getByLabel('Note to the member').fill('We checked the tracker report: welcome back.');
  await screen(adminPage, 'admin-appeals', width);
  await appeal.getByRole('button', { name: 'Reinstate' }).click();
  const confirm = adminPage.getByRole('dialog', { name: 'Reinstate this member?' });
  await screen(adminPage, 'admin-appeal-confirm', width);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await adminPage.locator('.toast-title', { hasText: 'Member reinstated' }).waitFor();
  await appeal.waitFor({ state: 'detached' });
  await openMemberInConsole(adminPage, base, member, 'Active');
  log('the admin reinstated the member from the appeals queue');
}

/** After a reload the member is active: no notice, the decision's note, the notification. */
async function memberIsBack(page, width) {
  await page.reload();
  await page.getByRole('heading', { name: 'Your appeals', level: 1 }).waitFor();
  await page.getByText('We checked the tracker report: welcome back.').waitFor();
  if (await suspensionNotice(page).count()) throw new Error('the suspension notice is still shown after the reinstatement');
  await screen(page, 'appeal-reinstated', width);
  await page.getByRole('banner').getByRole('link', { name: /^Notifications/ }).click();
  await page.getByRole('heading', { name: 'Your account is now active' }).first().waitFor();
  await screen(page, 'notifications-reinstated', width);
  log('after a reload the member is active, without the notice, and notified');
}
