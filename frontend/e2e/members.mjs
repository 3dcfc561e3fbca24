// A verified member with a complete profile, made through the API (registration, the
// verification link from the dev outbox, sign-in, profile), for journeys that need one
// without driving the sign-up pages again.
import { call, login } from './drawing-setup.mjs';
import { uniqueEmail, verificationLink } from './support.mjs';

export async function createMember(base, { kind, width, password, displayName, state = 'TX', dateOfBirth = '1990-05-02', profile = {} }) {
  const email = uniqueEmail(kind, width);
  await call(base, 'POST', '/api/v1/auth/register', {
    body: { email, password, dateOfBirth, stateOfResidence: state, acceptedTerms: true, acceptedSweepstakesRules: true },
  });
  const token = new URL(await verificationLink(base, email)).searchParams.get('token');
  await call(base, 'POST', '/api/v1/auth/verify-email', { body: { token } });
  const access = await login(base, email, password);
  await call(base, 'PUT', '/api/v1/users/me/profile', {
    token: access,
    body: {
      displayName: `${displayName} ${Date.now().toString(36)}${width}`.slice(0, 30),
      biologicalSex: 'male',
      fitnessLevel: 'beginner',
      goals: ['general_health'],
      ...profile,
    },
  });
  const { userId } = await call(base, 'GET', '/api/v1/users/me', { token: access });
  return { email, password, userId, access };
}
