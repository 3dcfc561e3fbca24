// What every browser journey uses: axe + screenshots per screen, the dev outbox, the
// main navigation, keyboard focus checks, and a watch on the page's console.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// How long one step may wait for the page before it fails. Generous: the 2-core CI machine
// can run several times slower than a laptop; a step that never succeeds still fails.
export const PATIENCE_MS = Number(process.env.E2E_PATIENCE_MS ?? 60_000);

export const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
const screens = path.join(artifacts, 'screens');

export function log(...args) {
  console.log('[e2e]', ...args);
}

/** Problems found along the way; run.mjs fails the run on any, after every journey has run. */
export const findings = { accessibility: [], console: [] };

/** axe-core in the page (evaluated over CDP, so the app's CSP stays on). */
async function audit(page, name, width) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
    findings.accessibility.push(`${name} @${width}px: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
  return violations.length;
}

/** Waits for the screen to settle and saves a full-page screenshot of it. */
export async function snapshot(page, name, width) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.state-loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  mkdirSync(screens, { recursive: true });
  await page.screenshot({ path: path.join(screens, `${name}-${width}.png`), fullPage: true });
}

/** A main screen: wait for it, check it with axe, save a full-page screenshot. */
export async function screen(page, name, width) {
  await snapshot(page, name, width);
  const minor = await audit(page, name, width);
  log(`  ${name} @${width}px: axe ${minor} violation(s) of any impact, screenshot saved`);
}

/**
 * Console errors and warnings, uncaught exceptions and CSP violations of one page, each
 * with the URL it happened on. Issue 13: no console errors or warnings on any page.
 */
export function watchConsole(page, journey) {
  const record = (what) => findings.console.push(`${journey}: ${what} (on ${page.url()})`);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') record(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => record(`uncaught ${error.message}`));
  // Windows the page opens (the tracker's consent popup) are held to the same rule.
  page.on('popup', (popup) => void watchConsole(popup, `${journey} (popup)`));
  // Chromium also logs these as console errors; this names the directive and what it blocked.
  return page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    ),
  );
}

export async function nav(page, label) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
}

/** The balance in the header ("Point balance 1,234 pts"). */
export function headerBalance(page) {
  return page.getByRole('link', { name: /^Point balance [\d,]+ pts$/ });
}

export async function pointsInHeader(page) {
  return Number((await headerBalance(page).getAttribute('aria-label')).replace(/\D/g, ''));
}

/** The verification link from the newest matching email in the dev outbox. */
export async function verificationLink(base, email, timeoutMs = PATIENCE_MS) {
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

/** Opens the email's link on this server (the email names the server's public address). */
export async function confirmEmail(page, base, email) {
  const link = new URL(await verificationLink(base, email));
  await page.goto(`${base}${link.pathname}${link.search}`);
  await page.getByText('Your email address is confirmed.').waitFor();
}

export function uniqueEmail(kind, width) {
  return `e2e.${kind}.${Date.now().toString(36)}${width}@example.com`;
}
