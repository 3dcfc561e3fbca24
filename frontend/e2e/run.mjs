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
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.resolve(here, '..');
const repo = path.resolve(frontend, '..');
const fittrack = process.env.FITTRACK_BIN ?? path.join(repo, '.venv', 'bin', 'fittrack');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(here, 'artifacts');
const clockStart = process.env.FITTRACK_CLOCK_START ?? '2026-06-10T16:00:00Z';

function log(...args) {
  console.log('[e2e]', ...args);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, server, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`fittrack dev exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`fittrack dev did not answer on ${base} within ${timeoutMs / 1000}s`);
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

async function journey(page, base) {
  const stamp = Date.now().toString(36);
  const email = `e2e.${stamp}@example.com`;
  const password = 'Brisk-Walk-2026!';

  await page.goto(`${base}/register`);
  await page.getByLabel('Email').fill(email);
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

  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
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

  const headerBalance = page.getByRole('link', { name: /^Point balance [\d,]+$/ });
  await headerBalance.waitFor();
  const balanceCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Point balance' }) });
  await balanceCard.getByText('points to spend').waitFor();
  log('dashboard shows', await headerBalance.innerText());
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
  log(`starting fittrack dev on ${base} (FITTRACK_HOME=${home})`);
  const server = spawn(fittrack, ['dev', '--port', String(port), '--no-seed'], {
    cwd: repo,
    env: { ...process.env, FITTRACK_HOME: home, FITTRACK_CLOCK_START: clockStart, PORT: String(port) },
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
      viewport: { width: 390, height: 844 },
    });
    context.setDefaultTimeout(20_000);
    page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await journey(page, base);
    if (pageErrors.length) throw new Error(`uncaught errors in the page: ${pageErrors.join('; ')}`);
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
