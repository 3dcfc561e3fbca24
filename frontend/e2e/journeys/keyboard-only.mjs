/**
 * Keyboard only (issue 13): register, then buy tickets and take the free entry, with Tab,
 * Shift+Tab, Enter, Space and arrow keys; no mouse. Every focus stop must be visible, and
 * focus must land where a keyboard user expects it: on the first field in error after a
 * refused submit, inside the dialog when it opens, back on its trigger when it closes.
 */
import { adjustPoints, login, me } from '../drawing-setup.mjs';
import { expectFocus, focused, tabTo } from '../keyboard.mjs';
import { confirmEmail, log, uniqueEmail } from '../support.mjs';
import { openDrawing } from './drawing.mjs';
import { PASSWORD } from './register.mjs';

async function registerByKeyboard(page, base, email) {
  await page.goto(`${base}/register`);
  await page.getByRole('heading', { name: /Create/ }).first().waitFor();
  await tabTo(page, 'Email');
  await page.keyboard.type(email);
  await tabTo(page, 'Password');
  await page.keyboard.type(PASSWORD);
  await tabTo(page, 'Date of birth');
  await page.keyboard.type('03141991'); // mm dd yyyy: the date input's segments advance as they fill
  await tabTo(page, 'State of residence');
  await page.keyboard.type('Texas'); // a focused select picks the option its typed name starts
  const state = await page.evaluate(() => document.activeElement.value);
  if (state !== 'TX') throw new Error(`typing “Texas” on the state select chose ${state}`);
  await tabTo(page, /Terms of Service/);
  await page.keyboard.press('Space');
  // Submitting without the second consent: focus must move to it, the first field in error.
  await tabTo(page, 'Create account');
  await page.keyboard.press('Enter');
  await page.getByText(/Sweepstakes Rules/).first().waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
  await expectFocus(page, /Sweepstakes Rules/, 'after a submit missing the Sweepstakes Rules consent');
  await page.keyboard.press('Space');
  await tabTo(page, 'Create account');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
}

async function signInByKeyboard(page, base, email) {
  await page.goto(`${base}/login`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await tabTo(page, 'Email');
  await page.keyboard.type(email);
  await tabTo(page, 'Password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/profile/complete');
}

async function completeProfileByKeyboard(page) {
  await page.getByRole('heading', { name: /profile/i }).first().waitFor();
  await tabTo(page, 'Display name');
  await page.keyboard.type(`Keys ${Date.now().toString(36)}`);
  await tabTo(page, 'Biological sex');
  await page.keyboard.type('Male');
  await tabTo(page, 'Fitness level');
  await page.keyboard.type('Advanced');
  await tabTo(page, 'Endurance');
  await page.keyboard.press('Space');
  await tabTo(page, 'Save profile');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/dashboard');
}

async function buyByKeyboard(page, base, drawingId, name) {
  await page.goto(`${base}/drawings/${drawingId}`);
  await page.getByRole('heading', { name }).waitFor();
  await tabTo(page, 'Buy tickets');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Buy tickets' });
  await dialog.waitFor();
  const inside = await dialog.evaluate((d) => d.contains(document.activeElement));
  if (!inside) throw new Error(`the buy dialog opened with focus outside it, on “${(await focused(page)).name}”`);
  await tabTo(page, 'Quantity');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await dialog.getByRole('button', { name: 'Buy 2 tickets' }).waitFor();
  await tabTo(page, 'Buy 2 tickets');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await expectFocus(page, 'Buy tickets', 'after the purchase closed the dialog');
  await tabTo(page, 'Free entry');
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Free entry used' }).waitFor();
  await page.getByText(/#3 · free entry/).waitFor();
}

export async function keyboardOnly({ page, base, width, admin, clockStart }) {
  const email = uniqueEmail('keyboard', width);
  await registerByKeyboard(page, base, email);
  log('registered by keyboard', email);
  await confirmEmail(page, base, email);
  const member = await me(base, await login(base, email, PASSWORD));
  await adjustPoints(base, admin, member.userId, 500);
  await signInByKeyboard(page, base, email);
  await completeProfileByKeyboard(page);
  const name = `E2E Keyboard Drawing ${Date.now().toString(36)}${width}`;
  const drawingId = await openDrawing({ base, admin, clockStart, name });
  await buyByKeyboard(page, base, drawingId, name);
  log('bought 2 tickets and took the free entry by keyboard');
}
