import { z } from '@/lib/zod';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';

export type ProfileUpdate = components['schemas']['ProfileUpdate'];

export const GOALS = [
  { value: 'weight_loss', label: 'Weight loss' },
  { value: 'muscle_building', label: 'Muscle building' },
  { value: 'endurance', label: 'Endurance' },
  { value: 'general_health', label: 'General health' },
  { value: 'stress_relief', label: 'Stress relief' },
] as const;

type Goal = (typeof GOALS)[number]['value'];

const optionalInt = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), {
      message: `${what} must be a whole number from ${min} to ${max}.`,
    });

export const profileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(3, 'Use at least 3 characters.')
    .max(30, 'Use at most 30 characters.'),
  biologicalSex: z.enum(['male', 'female'], { message: 'Choose one.' }),
  fitnessLevel: z.enum(['beginner', 'intermediate', 'advanced'], { message: 'Choose your fitness level.' }),
  goals: z.array(z.enum(GOALS.map((g) => g.value) as [Goal, ...Goal[]])),
  heightInches: optionalInt(36, 108, 'Height'),
  weightPounds: optionalInt(50, 1000, 'Weight'),
  timezone: z.string().min(1),
  openLeaderboard: z.boolean(),
});

export type ProfileValues = z.infer<typeof profileSchema>;

export const profileFields = [
  'displayName',
  'biologicalSex',
  'fitnessLevel',
  'goals',
  'heightInches',
  'weightPounds',
  'timezone',
  'openLeaderboard',
] as const;

export function toProfileUpdate(values: ProfileValues): ProfileUpdate {
  return {
    displayName: values.displayName,
    biologicalSex: values.biologicalSex,
    fitnessLevel: values.fitnessLevel,
    goals: values.goals,
    heightInches: values.heightInches === '' ? null : Number(values.heightInches),
    weightPounds: values.weightPounds === '' ? null : Number(values.weightPounds),
    // The browser names the zone; the API refuses one outside its IANA list with a field error.
    timezone: values.timezone as ProfileUpdate['timezone'],
    openLeaderboard: values.openLeaderboard,
  };
}

export function updateProfile(body: ProfileUpdate) {
  return unwrap(api.PUT('/api/v1/users/me/profile', { body }));
}

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York';
  } catch {
    return 'America/New_York';
  }
}
