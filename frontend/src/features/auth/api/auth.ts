import { api } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { unwrap } from '@/lib/api/errors';
import { sessionStore } from '@/lib/auth/session';
import type { LoginValues, RegisterValues } from './schemas';

const DEVICE_KEY = 'fittrack.deviceId';

/** A stable id for this browser (not a secret): the API keeps one session per device. */
export function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = `web-${crypto.randomUUID()}`;
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'web-ephemeral';
  }
}

export async function login(values: LoginValues) {
  const tokens = await unwrap(
    api.POST('/api/v1/auth/login', { body: { email: values.email, password: values.password, deviceId: deviceId() } }),
  );
  sessionStore.set({ accessToken: tokens.accessToken, user: tokens.user });
  return tokens;
}

type RegisterBody = components['schemas']['RegisterRequest'];

export function register(values: RegisterValues) {
  // The zod schema has already held these to the contract's rules: a listed state, and
  // both consents given (the contract declares them `const: true`).
  const body: RegisterBody = {
    ...values,
    stateOfResidence: values.stateOfResidence as RegisterBody['stateOfResidence'],
    acceptedTerms: values.acceptedTerms as true,
    acceptedSweepstakesRules: values.acceptedSweepstakesRules as true,
  };
  return unwrap(api.POST('/api/v1/auth/register', { body }));
}

export function verifyEmail(token: string) {
  return unwrap(api.POST('/api/v1/auth/verify-email', { body: { token } }));
}

export function resendVerification(email: string) {
  return unwrap(api.POST('/api/v1/auth/resend-verification', { body: { email } }));
}

type CompleteRegistrationBody = components['schemas']['CompleteRegistrationRequest'];

/** The details a social sign-in could not supply; the zod schema has checked them. */
export function completeRegistration(values: Omit<RegisterValues, 'email' | 'password'>) {
  const body: CompleteRegistrationBody = {
    ...values,
    stateOfResidence: values.stateOfResidence as CompleteRegistrationBody['stateOfResidence'],
    acceptedTerms: values.acceptedTerms as true,
    acceptedSweepstakesRules: values.acceptedSweepstakesRules as true,
  };
  return unwrap(api.POST('/api/v1/auth/complete-registration', { body }));
}
