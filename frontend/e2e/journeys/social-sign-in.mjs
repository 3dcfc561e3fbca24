/**
 * Journey (5): a new member signs in with Google through the local OIDC simulator,
 * finishes registration (date of birth, state, consents) and lands on the dashboard.
 */

/** The simulator signs in whoever login_hint names; a fresh email makes a new member. */
async function signInAs(page, email) {
  await page.route(/\/google\/authorize\?/, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('login_hint', email);
    return route.continue({ url: url.toString() });
  });
}

export async function socialSignIn(page, base, width, { screen }) {
  await signInAs(page, `e2e.social.${Date.now().toString(36)}${width}@example.com`);
  await page.goto(`${base}/login`);
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await page.waitForURL(`${base}/auth/finish-registration`);
  await page.getByRole('heading', { name: 'Finish registration' }).waitFor();
  await screen(page, 'finish-registration', width);
  await page.getByLabel('Date of birth').fill('1991-03-14');
  await page.getByLabel('State of residence').selectOption('TX');
  await page.getByLabel(/Terms of Service/).check();
  await page.getByLabel(/Sweepstakes Rules/).check();
  await page.getByRole('button', { name: 'Finish registration' }).click();
  await page.waitForURL(`${base}/dashboard`);
  await screen(page, 'dashboard-social', width);
}
