/**
 * Issue 16, the console's reading pages: the admin signs in in the browser and opens the
 * overview (figures and charts), finds a member through the search and opens their page,
 * shows analytics for a chosen range and downloads a series as CSV (fetched with the bearer
 * token, saved through an object URL), and reads the audit log and checks its hash chain.
 * axe and a screenshot on each page; the suite's console watch covers CSP violations.
 */
import { readFile } from 'node:fs/promises';
import { adjustPoints, call, login } from '../drawing-setup.mjs';
import { log, screen, uniqueEmail, verificationLink } from '../support.mjs';

const PASSWORD = 'Console-Read-2026!';

/** A verified member with a complete profile and some points, so their page has content. */
async function createMember(base, admin, width) {
  const email = uniqueEmail('console', width);
  await call(base, 'POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, dateOfBirth: '1985-03-14', stateOfResidence: 'CO', acceptedTerms: true, acceptedSweepstakesRules: true },
  });
  const token = new URL(await verificationLink(base, email)).searchParams.get('token');
  await call(base, 'POST', '/api/v1/auth/verify-email', { body: { token } });
  const access = await login(base, email, PASSWORD);
  const displayName = `Reader ${Date.now().toString(36)}${width}`.slice(0, 30);
  await call(base, 'PUT', '/api/v1/users/me/profile', {
    token: access,
    body: { displayName, biologicalSex: 'female', fitnessLevel: 'intermediate', goals: ['endurance'] },
  });
  const { userId } = await call(base, 'GET', '/api/v1/users/me', { token: access });
  await adjustPoints(base, admin, userId, 750);
  return { email, userId, displayName };
}

async function signIn(page, base, { email, password }) {
  await page.goto(`${base}/login`);
  const notice = page.getByRole('complementary', { name: 'Storage notice' });
  if (await notice.isVisible()) await notice.getByRole('button', { name: 'Got it' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

function adminNav(page, label) {
  return page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: label, exact: true }).click();
}

/** Every chart drew its SVG with axis ticks (a fresh database has no syncs or drawings to show). */
async function expectCharts(page, titles) {
  for (const title of titles) {
    const figure = chart(page, title);
    await figure.locator('svg.recharts-surface').first().waitFor();
    await figure.locator('.recharts-xAxis .recharts-cartesian-axis-tick').first().waitFor({ state: 'attached' });
  }
}

function chart(page, title) {
  return page.locator('figure', { has: page.locator('figcaption', { hasText: title }) }).first();
}

/** The registrations chart has bars: the members this run made registered today. */
async function expectRegistrationBars(page) {
  const bars = await chart(page, 'New registrations').locator('.recharts-bar-rectangle path, path.recharts-rectangle').count();
  if (bars === 0) throw new Error('the registrations chart drew no bars');
}

async function overview(page, width) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin', exact: true }).click();
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Members by status' }).waitFor();
  await expectCharts(page, ['New registrations', 'Tracker syncs started', 'Points earned and spent', 'Drawing participation']);
  await expectRegistrationBars(page);
  await screen(page, 'admin-overview', width);
}

async function memberSearchAndDetail(page, width, member) {
  await adminNav(page, 'Members');
  await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
  const search = page.getByRole('search', { name: 'Search members' });
  await search.getByLabel('Email starts with').fill(member.email.slice(0, -'@example.com'.length));
  await search.getByLabel('Status').selectOption('active');
  await search.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.searchParams.get('status') === 'active' && url.searchParams.has('email'));
  const link = page.getByRole('link', { name: member.email });
  await link.waitFor();
  await screen(page, 'admin-members', width);
  await link.click();
  await page.getByRole('heading', { name: member.displayName, level: 1 }).waitFor();
  await page.getByRole('table', { name: 'Actions on this member, newest first' }).waitFor();
  await page.getByRole('form', { name: 'Change status' }).getByLabel('New status').waitFor();
  await screen(page, 'admin-member', width);
  log(`found ${member.email} and opened their page`);
}

async function analyticsWithCsv(page, width, clockStart) {
  await adminNav(page, 'Analytics');
  const to = clockStart.slice(0, 10);
  const range = page.getByRole('form', { name: 'Date range' });
  await range.getByLabel('From').waitFor();
  await page.getByRole('table', { name: 'New accounts per period' }).waitFor();
  await range.getByLabel('From').fill('2026-05-01');
  await range.getByLabel('To').fill(to);
  await range.getByLabel('Interval').selectOption('week');
  await range.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL((url) => url.searchParams.get('interval') === 'week');
  await expectCharts(page, ['New registrations', 'Drawing participation']);
  await expectRegistrationBars(page);
  await screen(page, 'admin-analytics', width);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download registrations CSV' }).click()]);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
  if (lines[0] !== 'periodStart,registrations') throw new Error(`the CSV starts with "${lines[0]}"`);
  const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
  if (!(total > 0)) throw new Error(`the registrations CSV counts ${total} registrations`);
  log(`downloaded ${download.suggestedFilename()}: ${lines.length - 1} weeks, ${total} registrations`);
}

async function auditLog(page, width) {
  await adminNav(page, 'Audit log');
  await page.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
  await page.getByRole('button', { name: 'Check chain' }).click();
  await page.getByText(/^Chain intact: [\d,]+ entries checked\.$/).waitFor();
  await screen(page, 'admin-audit', width);
  log('the audit chain verifies');
}

export async function adminConsole({ page, base, width, admin, clockStart, credentials }) {
  const member = await createMember(base, admin, width);
  await signIn(page, base, credentials);
  await overview(page, width);
  await memberSearchAndDetail(page, width, member);
  await analyticsWithCsv(page, width, clockStart);
  await auditLog(page, width);
}
