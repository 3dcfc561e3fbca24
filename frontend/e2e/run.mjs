// Browser journey: a new member registers, confirms the email from the dev outbox,
// completes the profile and lands on a dashboard that shows a balance.
//
// It starts its own `fittrack dev` on a free port with a fresh FITTRACK_HOME and drives the
// system Chromium (/usr/bin/chromium, from Debian) with playwright-core: no browser download.
//
//   npm run e2e                      (builds frontend/dist first when it is missing)
//   E2E_HEADFUL=1 npm run e2e        (watch it)
//   CHROMIUM=/path/to/chrome npm run e2e
//   npm run e2e -- --optional        (make test: skip with a message when Chromium is missing, unless CI is set)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { adjustPoints, closeAndExecute, createOpenDrawing, login, me } from './drawing-setup.mjs';
import { freePort, waitForHealth } from '../scripts/dev-server.mjs';
import { socialSignIn } from './journeys/social-sign-in.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.resolve(here, '..');
const repo = path.resolve(frontend, '..');
const fittrack = process.env.FITTRACK_BIN ?? path.join(repo, '.venv', 'bin', 'fittrack');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(here, 'artifacts');
const clockStart = process.env.FITTRACK_CLOCK_START ?? '2026-06-10T16:00:00Z';
const screens = path.join(artifacts, 'screens');
const ADMIN = { email: 'e2e-admin@example.com', password: 'E2e-Admin-Pass-2026!' };
const WIDTHS = [375, 1280];
const accessibilityFailures = [];

function log(...args) {
  console.log('[e2e]', ...args);
}

async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT'); // what Ctrl-C does: a clean shutdown
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The verification link from the newest matching email in the dev outbox. */
async function verificationLink(base, email, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/_dev/outbox`, { headers: { Accept: 'application/json' } });
    if (res.ok) {
      const { emails = [] } = await res.json();
      for (const message of emails) {
        if (message.toAddress?.toLowerCase() !== email.toLowerCase()) continue;
        const text = `${message.bodyText ?? ''}\n${message.bodyHtml ?? ''}`;
        const match = /https?:\/\/[^\s"'<>]+\/verify-email\?token=[\w-]+/.exec(text);
        if (match) return match[0];
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no verification email for ${email} in ${base}/_dev/outbox`);
}

function ensureBuilt() {
  if (existsSync(path.join(frontend, 'dist', 'index.html'))) return;
  log('frontend/dist is missing: building it');
  const result = spawnSync('npm', ['run', 'build'], { cwd: frontend, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** axe-core in the page (evaluated over CDP, so the app's CSP stays on): serious or critical violations fail the run. */
async function audit(page, name, width) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // Collected, so one run lists every page's problems; main() fails the run on any.
  for (const v of bad) accessibilityFailures.push(`${name} @${width}px: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
  return violations.length;
}

/** A main screen: wait for it, check it with axe, save a full-page screenshot. */
async function screen(page, name, width) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.state-loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  const minor = await audit(page, name, width);
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: path.join(screens, `${name}-${width}.png`), fullPage: true });
  log(`  ${name} @${width}px: axe ${minor} violation(s) of any impact, screenshot saved`);
}

async function nav(page, label) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

async function journey(page, base, width) {
  const stamp = `${Date.now().toString(36)}${width}`;
  const email = `e2e.${stamp}@example.com`;
  const password = 'Brisk-Walk-2026!';

  await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await screen(page, 'landing', width);
  await page.getByRole('complementary', { name: 'Storage notice' }).getByRole('button', { name: 'Got it' }).click();

  await page.goto(`${base}/register`);
  await page.getByLabel('Email').fill(email);
  await screen(page, 'register', width);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Date of birth').fill('1991-03-14');
  await page.getByLabel('State of residence').selectOption('CA');
  await page.getByLabel(/Terms of Service/).check();
  await page.getByLabel(/Sweepstakes Rules/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  log('registered', email);

  const link = new URL(await verificationLink(base, email));
  // The email names the server's public address; open the same path on this server.
  await page.goto(`${base}${link.pathname}${link.search}`);
  await page.getByText('Your email address is confirmed.').waitFor();
  log('email confirmed');

  // Points to spend: the admin credits the new member (through the API).
  const admin = await login(base, ADMIN.email, ADMIN.password);
  const member = await me(base, await login(base, email, password));
  await adjustPoints(base, admin, member.userId, 1000);

  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screen(page, 'login', width);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/profile/complete');
  log('signed in, completing the profile');

  await page.getByLabel('Display name').fill(`Walker ${stamp}`.slice(0, 30));
  await page.getByLabel('Biological sex').selectOption('female');
  await page.getByLabel('Fitness level').selectOption('intermediate');
  await page.getByLabel('Endurance').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.waitForURL('**/dashboard');

  const headerBalance = page.getByRole('link', { name: /^Point balance [\d,]+ pts$/ });
  await headerBalance.waitFor();
  const balanceCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Point balance' }) });
  await balanceCard.getByText('points to spend').waitFor();
  log('dashboard shows', await headerBalance.innerText());
  await screen(page, 'dashboard', width);

  // The access token lives in memory only: a reload must restore the session from the
  // httpOnly refresh cookie, not send the member back to the login page.
  await page.reload();
  await headerBalance.waitFor();
  if (!page.url().endsWith('/dashboard')) throw new Error(`a reload signed the member out: ${page.url()}`);
  log('a reload keeps the member signed in');

  // A drawing opens (admin API); the member buys two tickets and takes the free entry.
  const drawingName = `E2E Drawing ${stamp}`;
  const serverNow = Date.parse(clockStart) + 60_000;
  const drawingId = await createOpenDrawing(base, admin, { name: drawingName, now: serverNow, minAccountAgeDays: 0 });
  await nav(page, 'Drawings');
  await page.getByRole('link', { name: drawingName }).click();
  await page.getByRole('heading', { name: drawingName }).waitFor();
  await page.getByRole('button', { name: 'Buy tickets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Buy tickets' });
  await dialog.getByRole('button', { name: 'One more ticket' }).click();
  await screen(page, 'buy-tickets', width);
  await dialog.getByRole('button', { name: 'Buy 2 tickets' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Free entry', exact: true }).click();
  await page.getByRole('button', { name: 'Free entry used' }).waitFor();
  await page.getByText(/#3 · free entry/).waitFor();
  log('bought 2 tickets and took the free entry');
  await screen(page, 'drawing', width);
  await page.getByRole('link', { name: 'Official rules' }).click();
  await page.getByRole('heading', { name: `Official rules: ${drawingName}` }).waitFor();
  await screen(page, 'official-rules', width);

  // Sales close and the draw runs (admin API); the results verify in the browser.
  await closeAndExecute(base, admin, drawingId);
  await nav(page, 'Drawings');
  await page.getByRole('tab', { name: 'Completed' }).click();
  await page.getByRole('link', { name: `Results and verification for ${drawingName}` }).click();
  await page.getByRole('table', { name: 'Winners by prize' }).waitFor();
  await page.getByRole('button', { name: 'Verify this draw' }).click();
  const verdict = page.getByText(/^Verified: all \d+ checks passed in [\d,]+ ms\.$/);
  await verdict.waitFor();
  log(await verdict.innerText());
  await screen(page, 'results-verified', width);

  // The win: a notification, then the prize with its shipping address and tax details.
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  await page.getByText(/You won/).first().waitFor();
  await screen(page, 'notifications', width);
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

  await nav(page, 'My prizes');
  await page.getByRole('button', { name: 'Confirm shipping address' }).click();
  const address = page.getByRole('dialog', { name: 'Shipping address' });
  await address.getByLabel('Full name').fill('Sam Walker');
  await address.getByLabel('Street address').fill('100 Congress Ave');
  await address.getByLabel('City').fill('Austin');
  await address.getByLabel('State').selectOption('TX');
  await address.getByLabel(/ZIP code/).fill('78701');
  await screen(page, 'prize-address', width);
  await address.getByRole('button', { name: 'Confirm address' }).click();
  await address.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Change shipping address' }).waitFor();
  await page.getByRole('button', { name: 'Give tax details' }).click();
  const tax = page.getByRole('dialog', { name: 'Tax details' });
  await tax.getByLabel('Legal name').fill('Samantha Walker');
  await tax.getByLabel('SSN or ITIN').fill('123-45-6789');
  await tax.getByRole('button', { name: 'Send tax details' }).click();
  await page.getByText('Tax details received (ending 6789)').first().waitFor();
  await screen(page, 'prizes', width);
  log('prize address and tax details confirmed');

  await nav(page, 'Account');
  await page.getByText('This device').waitFor();
  await screen(page, 'account', width);
  await page.getByRole('link', { name: 'Notification preferences' }).click();
  await page.getByRole('heading', { name: /Notification preferences/, level: 1 }).waitFor();
  await page.getByRole('checkbox').first().waitFor();
  await screen(page, 'notification-preferences', width);
  await nav(page, 'Account');
  await page.getByText('This device').waitFor();
  await page.getByRole('link', { name: /Privacy/ }).first().click();
  await page.getByRole('button', { name: 'Download my data (JSON)' }).waitFor();
  await screen(page, 'privacy', width);
  // The footer's legal documents, served by the API as versioned documents.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Terms of Service' }).click();
  await page.getByRole('heading', { name: /Terms of Service/, level: 1 }).waitFor();
  await screen(page, 'legal-terms', width);
}

async function main() {
  if (!existsSync(chromiumPath)) {
    if (process.argv.includes('--optional') && !process.env.CI) {
      log(`SKIP: ${chromiumPath} is missing (apt-get install -y chromium); CI runs this journey`);
      return;
    }
    throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  }
  ensureBuilt();
  if (!existsSync(fittrack)) throw new Error(`${fittrack} is missing: run make setup`);

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const home = mkdtempSync(path.join(tmpdir(), 'fittrack-e2e-home-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'fittrack-e2e-chromium-'));
  const serverLog = [];
  // Two journeys from one address within a minute exceed the anonymous limit of 10 a minute.
  const env = {
    ...process.env,
    FITTRACK_HOME: home,
    FITTRACK_CLOCK_START: clockStart,
    FITTRACK_RATE_LIMITS: 'anonymous=200,member=600,admin=1000',
    PORT: String(port),
  };
  const created = spawnSync(fittrack, ['create-admin', '--email', ADMIN.email, '--password', ADMIN.password], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`fittrack create-admin failed: ${created.stderr}`);
  log(`starting fittrack dev on ${base} (FITTRACK_HOME=${home})`);
  const server = spawn(fittrack, ['dev', '--port', String(port), '--no-seed'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [server.stdout, server.stderr]) {
    stream.on('data', (chunk) => {
      serverLog.push(chunk.toString());
      if (serverLog.length > 400) serverLog.shift();
    });
  }

  let context;
  let page;
  let failed = false;
  try {
    await waitForHealth(base, server);
    for (const width of WIDTHS) {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
      context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        headless: !process.env.E2E_HEADFUL,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width, height: width < 600 ? 812 : 900 },
        acceptDownloads: true,
      });
      context.setDefaultTimeout(20_000);
      page = context.pages()[0] ?? (await context.newPage());
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      log(`journey at ${width}px`);
      await journey(page, base, width);
      // A fresh page without the first member's session or refresh cookie.
      await context.clearCookies();
      await page.close();
      page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      log(`social sign-in at ${width}px`);
      await socialSignIn(page, base, width, { screen });
      if (pageErrors.length) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
    }
    if (accessibilityFailures.length)
      throw new Error(`axe found serious or critical violations:\n  ${accessibilityFailures.join('\n  ')}`);
    log('PASS');
  } catch (error) {
    failed = true;
    console.error('[e2e] FAIL', error);
    mkdirSync(artifacts, { recursive: true });
    if (page) {
      await page.screenshot({ path: path.join(artifacts, 'failure.png'), fullPage: true }).catch(() => undefined);
      console.error('[e2e] page URL', page.url(), '— screenshot in', path.relative(process.cwd(), artifacts));
    }
    console.error('[e2e] last server output:\n' + serverLog.join('').split('\n').slice(-40).join('\n'));
  } finally {
    await context?.close().catch(() => undefined);
    await stopServer(server);
    rmSync(home, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
