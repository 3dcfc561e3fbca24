/**
 * Journey (3): the winner sees the win in notifications, confirms a shipping address and
 * gives tax details; the admin ships the prize through the API; the member's prize page
 * shows it shipped, with carrier and tracking number.
 */
import { login, myPrizes, shipPrize } from '../drawing-setup.mjs';
import { log, nav, screen } from '../support.mjs';

export async function confirmAndReceivePrize({ page, base, width, admin, member }) {
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

  const prizes = await myPrizes(base, await login(base, member.email, member.password));
  const bike = prizes.find((p) => p.status === 'address_confirmed');
  if (!bike) throw new Error(`no prize with a confirmed address: ${JSON.stringify(prizes.map((p) => p.status))}`);
  const tracking = `1Z${Date.now().toString(36).toUpperCase()}${width}`;
  await shipPrize(base, admin, bike.fulfillmentId, { carrier: 'UPS', trackingNumber: tracking });

  await page.reload();
  const card = page.getByRole('region', { name: bike.prizeName ?? 'Road bike' });
  await card.locator('.badge', { hasText: 'Shipped' }).waitFor();
  await card.getByText('UPS', { exact: true }).waitFor();
  await card.getByText(tracking, { exact: true }).waitFor();
  log('the prize shows shipped by UPS with tracking', tracking);
  await screen(page, 'prize-shipped', width);
}
