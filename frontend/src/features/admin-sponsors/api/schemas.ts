import { z } from '@/lib/zod';
import type { Sponsor, SponsorIn } from './sponsors';

const optionalUrl = z
  .string()
  .trim()
  .max(500, 'At most 500 characters.')
  .refine((s) => s === '' || /^https?:\/\/\S+$/.test(s), 'Use a web address starting with https://.');

export const sponsorSchema = z.object({
  name: z.string().trim().min(1, 'Enter the sponsor’s name.').max(200, 'At most 200 characters.'),
  contactName: z.string().trim().max(200, 'At most 200 characters.'),
  contactEmail: z
    .string()
    .trim()
    .max(320, 'At most 320 characters.')
    .refine((s) => s === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s), 'Not an email address.'),
  websiteUrl: optionalUrl,
  logoUrl: optionalUrl,
});

export type SponsorValues = z.input<typeof sponsorSchema>;
export const sponsorFields = ['name', 'contactName', 'contactEmail', 'websiteUrl', 'logoUrl'] as const;

export function sponsorValues(sponsor?: Sponsor): SponsorValues {
  return {
    name: sponsor?.name ?? '',
    contactName: sponsor?.contactName ?? '',
    contactEmail: sponsor?.contactEmail ?? '',
    websiteUrl: sponsor?.websiteUrl ?? '',
    logoUrl: sponsor?.logoUrl ?? '',
  };
}

/** What the API takes: trimmed, blanks as null (a cleared field clears it on edit too). */
export function toSponsorIn(values: SponsorValues): SponsorIn {
  const v = sponsorSchema.parse(values);
  return {
    name: v.name,
    contactName: v.contactName || null,
    contactEmail: v.contactEmail || null,
    websiteUrl: v.websiteUrl || null,
    logoUrl: v.logoUrl || null,
  };
}
