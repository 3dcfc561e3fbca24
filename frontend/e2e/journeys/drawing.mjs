/**
 * Journey (2): the member buys two tickets and takes the free entry; the drawing is closed
 * and executed through the admin API; on the results page "Verify this draw" passes, and
 * the same view fed a tampered verification document fails, naming what does not match.
 */
import { closeAndExecute, createOpenDrawing } from '../drawing-setup.mjs';
import { log, nav, screen } from '../support.mjs';

export async function openDrawing({ base, admin, clockStart, name }) {
  const now = Date.parse(clockStart) + 60_000;
  return createOpenDrawing(base, admin, { name, now, minAccountAgeDays: 0 });
}

export async function enterAndVerify({ page, base, width, admin, clockStart }) {
  const name = `E2E Drawing ${Date.now().toString(36)}${width}`;
  const drawingId = await openDrawing({ base, admin, clockStart, name });
  await nav(page, 'Drawings');
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name }).waitFor();
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
  await page.getByRole('heading', { name: `Official rules: ${name}` }).waitFor();
  await screen(page, 'official-rules', width);

  await closeAndExecute(base, admin, drawingId);
  await nav(page, 'Drawings');
  await page.getByRole('tab', { name: 'Completed' }).click();
  await page.getByRole('link', { name: `Results and verification for ${name}` }).click();
  await page.getByRole('table', { name: 'Winners by prize' }).waitFor();
  await page.getByRole('button', { name: 'Verify this draw' }).click();
  const verdict = page.getByText(/^Verified: all \d+ checks passed in [\d,]+ ms\.$/);
  await verdict.waitFor();
  log(await verdict.innerText());
  await screen(page, 'results-verified', width);

  await verifyTampered(page, drawingId, width);
  return { drawingId, name };
}

/** The real document with the published Merkle root changed: one check must fail and say so. */
async function verifyTampered(page, drawingId, width) {
  const url = `**/api/v1/drawings/${drawingId}/verification`;
  let forged = '';
  await page.route(url, async (route) => {
    const doc = await (await route.fetch()).json();
    forged = doc.merkleRoot.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await route.fulfill({ json: { ...doc, merkleRoot: forged } });
  });
  try {
    await page.getByRole('button', { name: 'Verify again' }).click();
    const alert = page.getByRole('status').filter({ hasText: /^Mismatch/ });
    await alert.waitFor();
    const text = await alert.innerText();
    if (!/Merkle root/i.test(text) || !text.includes(forged.slice(0, 12)))
      throw new Error(`the tampered document's verdict does not name the Merkle root it got: “${text}”`);
    log('tampered document:', text);
    await screen(page, 'results-tampered', width);
  } finally {
    await page.unroute(url);
  }
}
