import { z } from '@/lib/zod';
import { ageOn, EXCLUDED_STATES, MIN_AGE, passwordProblems, US_STATES } from '@/lib/eligibility';

const stateCodes = new Set(US_STATES.map((s) => s.code));

export const registerSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').email('Enter a valid email address.'),
  password: z.string().superRefine((value, ctx) => {
    const missing = passwordProblems(value);
    if (missing.length > 0) ctx.addIssue({ code: 'custom', message: `The password needs ${missing.join(', ')}.` });
  }),
  dateOfBirth: z
    .string()
    .min(1, 'Enter your date of birth.')
    .superRefine((value, ctx) => {
      const age = ageOn(value);
      if (age === null || age > 130) ctx.addIssue({ code: 'custom', message: 'Enter a valid date of birth.' });
      else if (age < MIN_AGE) ctx.addIssue({ code: 'custom', message: `You must be at least ${MIN_AGE} to register.` });
    }),
  stateOfResidence: z
    .string()
    .min(1, 'Choose the state you live in.')
    .superRefine((value, ctx) => {
      if (!stateCodes.has(value)) ctx.addIssue({ code: 'custom', message: 'Choose a US state or DC.' });
      else if (value in EXCLUDED_STATES)
        ctx.addIssue({
          code: 'custom',
          message: `Residents of ${EXCLUDED_STATES[value]} cannot take part in FitTrack sweepstakes.`,
        });
    }),
  acceptedTerms: z.boolean().refine((v) => v, 'Accept the Terms of Service to continue.'),
  acceptedSweepstakesRules: z.boolean().refine((v) => v, 'Accept the Sweepstakes Rules to continue.'),
});

export type RegisterValues = z.infer<typeof registerSchema>;

/** Finishing a social sign-in asks the same questions, without email and password. */
export const eligibilitySchema = registerSchema.omit({ email: true, password: true });
export type EligibilityValues = z.infer<typeof eligibilitySchema>;
export const eligibilityFields = ['dateOfBirth', 'stateOfResidence', 'acceptedTerms', 'acceptedSweepstakesRules'] as const;

export const registerFields = [
  'email',
  'password',
  'dateOfBirth',
  'stateOfResidence',
  'acceptedTerms',
  'acceptedSweepstakesRules',
] as const;

export const loginSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').email('Enter a valid email address.'),
  password: z.string().min(1, 'Enter your password.'),
});

export type LoginValues = z.infer<typeof loginSchema>;
