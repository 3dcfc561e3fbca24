import { z } from '@/lib/zod';
import { US_STATES } from '@/lib/eligibility';
import type { components } from '@/lib/api/schema';

type UsState = components['schemas']['AddressIn']['state'];

/** The 50 states + DC: a prize ships anywhere in the US (eligibility is checked at entry). */
const stateCodes = new Set(US_STATES.map((s) => s.code));
const isUsState = (s: string): s is UsState => stateCodes.has(s);

export const addressSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the person receiving the prize.').max(100, 'At most 100 characters.'),
  street1: z
    .string()
    .trim()
    .min(1, 'Enter a street address.')
    .max(100, 'At most 100 characters.')
    .regex(/[A-Za-z]/, 'Enter a street address.'),
  street2: z.string().trim().max(100, 'At most 100 characters.'),
  city: z.string().trim().min(1, 'Enter the city.').max(60, 'At most 60 characters.'),
  state: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine(isUsState, 'Use the two-letter code of a US state or DC.'),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-?\d{4})?$/, 'Use a 5-digit ZIP or ZIP+4.'),
  phone: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\+?[\d\s().-]{7,20}$/.test(s), 'Not a phone number.'),
});

export type AddressValues = z.input<typeof addressSchema>;

export const shippingSchema = z.object({ address: addressSchema });
export type ShippingValues = z.input<typeof shippingSchema>;

export const addressFields = ['name', 'street1', 'street2', 'city', 'state', 'zip', 'phone'].map(
  (f) => `address.${f}` as const,
) as `address.${keyof AddressValues}`[];

export const emailSchema = z.object({
  email: z.string().trim().min(1, 'A delivery email is required.').email('Not an email address.'),
});
export type EmailValues = z.input<typeof emailSchema>;

export const taxSchema = z.object({
  legalName: z.string().trim().min(1, 'Enter your full legal name.').max(200, 'At most 200 characters.'),
  taxId: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .refine((s) => /^\d{9}$/.test(s), 'Enter a 9-digit SSN or ITIN.')
    .refine((s) => !/^(000|666)/.test(s) && s.slice(3, 5) !== '00' && s.slice(5) !== '0000', 'Enter a 9-digit SSN or ITIN.'),
  address: addressSchema,
});
export type TaxValues = z.input<typeof taxSchema>;

export const emptyAddress: AddressValues = { name: '', street1: '', street2: '', city: '', state: '', zip: '', phone: '' };

/** What the API takes: blanks for the optional fields become null. */
export function toAddressIn(a: z.output<typeof addressSchema>) {
  return { ...a, street2: a.street2 || null, phone: a.phone || null };
}
