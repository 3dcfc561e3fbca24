/**
 * Journey (1): a new member registers, confirms the email from the dev outbox, signs in,
 * completes the profile and lands on a dashboard with a balance; a reload keeps the session.
 */
import { adjustPoints, login, me } from '../drawing-setup.mjs';
import { confirmEmail, headerBalance, log, screen, uniqueEmail } from '../support.mjs';

export const PASSWORD = 'Brisk-Walk-2026!';

export async function registerAndSignIn({ page, base, width, admin }) {
  const email = uniqueEmail('member', width);

  await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await screen(page, 'landing', width);
  await page.getByRole('complementary', { name: 'Storage notice' }).getByRole('button', { name: 'Got it' }).click();

  await page.goto(`${base}/register`);
  await page.getByLabel('Email').fill(email);
  await screen(page, 'register', width);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Date of birth').fill('1991-03-14');
  await page.getByLabel('State of residence').selectOption('CA');
  await page.getByLabel(/Terms of Service/).check();
  await page.getByLabel(/Sweepstakes Rules/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  log('registered', email);
  await confirmEmail(page, base, email);
  log('email confirmed');

  // Points to spend later: the admin credits the new member (through the API).
  const member = await me(base, await login(base, email, PASSWORD));
  await adjustPoints(base, admin, member.userId, 1000);

  await page.getByRole('link', { name: 'Sign in' }).last().click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screen(page, 'login', width);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/profile/complete');
  log('signed in, completing the profile');

  await page.getByLabel('Display name').fill(`Walker ${Date.now().toString(36)}${width}`.slice(0, 30));
  await page.getByLabel('Biological sex').selectOption('female');
  await page.getByLabel('Fitness level').selectOption('intermediate');
  await page.getByLabel('Endurance').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.waitForURL('**/dashboard');

  const balance = headerBalance(page);
  await balance.waitFor();
  const balanceCard = page.locator('section.card', { has: page.getByRole('heading', { name: 'Point balance' }) });
  await balanceCard.getByText('points to spend').waitFor();
  log('dashboard shows', await balance.innerText());
  await screen(page, 'dashboard', width);

  // The access token lives in memory only: a reload must restore the session from the
  // httpOnly refresh cookie, not send the member back to the login page.
  await page.reload();
  await balance.waitFor();
  if (!page.url().endsWith('/dashboard')) throw new Error(`a reload signed the member out: ${page.url()}`);
  log('a reload keeps the member signed in');
  return { email, password: PASSWORD, userId: member.userId };
}
