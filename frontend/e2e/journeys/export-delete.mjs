/**
 * Journey (4): the member looks over the account pages, downloads their data (a JSON file
 * holding their own account) and deletes the account; afterwards the app is signed out and
 * the old password no longer signs in.
 */
import { readFile } from 'node:fs/promises';
import { login } from '../drawing-setup.mjs';
import { log, nav, screen } from '../support.mjs';

export async function exportAndDelete({ page, base, width, member }) {
  await nav(page, 'Account');
  await page.getByText('This device').waitFor();
  await screen(page, 'account', width);
  await page.getByRole('link', { name: 'Notification preferences' }).click();
  await page.getByRole('heading', { name: /Notification preferences/, level: 1 }).waitFor();
  await page.getByRole('checkbox').first().waitFor();
  await screen(page, 'notification-preferences', width);
  // The footer's legal documents, served by the API as versioned documents.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Terms of Service' }).click();
  await page.getByRole('heading', { name: /Terms of Service/, level: 1 }).waitFor();
  await screen(page, 'legal-terms', width);

  await nav(page, 'Account');
  await page.getByText('This device').waitFor();
  await page.getByRole('link', { name: /Privacy/ }).first().click();
  const downloadButton = page.getByRole('button', { name: 'Download my data (JSON)' });
  await downloadButton.waitFor();
  await screen(page, 'privacy', width);
  const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  if (exported.userId !== member.userId) throw new Error(`the export is for ${exported.userId}, not ${member.userId}`);
  if (!JSON.stringify(exported.data).includes(member.email)) throw new Error('the export does not hold the member’s email');
  log(`downloaded ${download.suggestedFilename()}: ${Object.keys(exported.data).length} tables`);

  await page.getByRole('button', { name: 'Delete my account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  const confirm = dialog.getByRole('button', { name: 'Delete my account for good' });
  if (await confirm.isEnabled()) throw new Error('deleting is possible before DELETE is typed');
  await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
  await screen(page, 'delete-account', width);
  await confirm.click();
  await page.waitForURL(`${base}/`);
  await page.locator('.toast-title', { hasText: 'Your account is deleted' }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
  const refused = await login(base, member.email, member.password).then(
    () => false,
    () => true,
  );
  if (!refused) throw new Error('the deleted account still signs in');
  log('account deleted: signed out, and the password no longer signs in');
}
