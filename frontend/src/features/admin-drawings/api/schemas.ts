import { z } from '@/lib/zod';
import type { AdminDrawing, DrawingCreate, DrawingType } from './drawings';
import type { DrawingPrize, PrizeIn } from './prizes';
import type { Template, TemplateIn } from './templates';

export const DRAWING_TYPES: readonly { value: DrawingType; label: string }[] = [
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Annual' },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a datetime-local value, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time, no zone) as an ISO time in UTC; blank is null. */
export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .refine((s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max, message);

const optionalWholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || (/^\d+$/.test(s) && Number(s) >= min && Number(s) <= max), message);

const localTime = z.string().refine((s) => s === '' || !Number.isNaN(new Date(s).getTime()), 'Not a date and time.');

export const drawingSchema = z.object({
  name: z.string().trim().min(1, 'Give the drawing a name.').max(200, 'At most 200 characters.'),
  type: z.enum(['daily', 'weekly', 'monthly', 'annual']),
  description: z.string().trim().max(4000, 'At most 4,000 characters.'),
  ticketCostPoints: optionalWholeNumber(1, 10_000_000, 'A whole number of points from 1 to 10,000,000.'),
  drawingTime: localTime,
  opensAt: localTime,
  eligibility: z.object({
    userType: z.enum(['all', 'premium']),
    minAccountAgeDays: wholeNumber(0, 3650, 'A whole number of days from 0 to 3,650.'),
  }),
});

export type DrawingValues = z.input<typeof drawingSchema>;

export const drawingFields = [
  'name',
  'type',
  'description',
  'ticketCostPoints',
  'drawingTime',
  'opensAt',
  'eligibility.userType',
  'eligibility.minAccountAgeDays',
] as const;

export function drawingValues(drawing?: Partial<AdminDrawing>): DrawingValues {
  return {
    name: drawing?.name ?? '',
    type: drawing?.type ?? 'daily',
    description: drawing?.description ?? '',
    ticketCostPoints: drawing?.ticketCostPoints ? String(drawing.ticketCostPoints) : '',
    drawingTime: toLocalInput(drawing?.drawingTime),
    opensAt: toLocalInput(drawing?.opensAt),
    eligibility: {
      userType: drawing?.eligibility?.userType ?? 'all',
      minAccountAgeDays: String(drawing?.eligibility?.minAccountAgeDays ?? 7),
    },
  };
}

/** The create/update body: blank cost and drawing time take the type's defaults (SPEC §6). */
export function toDrawingBody(values: DrawingValues): Required<DrawingCreate> {
  const v = drawingSchema.parse(values);
  return {
    name: v.name,
    type: v.type,
    description: v.description || null,
    ticketCostPoints: v.ticketCostPoints ? Number(v.ticketCostPoints) : null,
    drawingTime: fromLocalInput(v.drawingTime),
    opensAt: fromLocalInput(v.opensAt),
    eligibility: { userType: v.eligibility.userType, minAccountAgeDays: Number(v.eligibility.minAccountAgeDays) },
  };
}

export const prizeSchema = z.object({
  rank: wholeNumber(1, 1000, 'A whole number from 1 to 1,000.'),
  name: z.string().trim().min(1, 'Name the prize.').max(200, 'At most 200 characters.'),
  description: z.string().trim().max(2000, 'At most 2,000 characters.'),
  valueUsd: z
    .string()
    .trim()
    .refine((s) => /^\d+(\.\d{1,2})?$/.test(s), 'A dollar amount such as 250 or 49.99.'),
  quantity: wholeNumber(1, 10_000, 'A whole number from 1 to 10,000.'),
  fulfillmentType: z.enum(['physical', 'digital']),
  sponsorId: z.string(),
  imageUrl: z
    .string()
    .trim()
    .max(500, 'At most 500 characters.')
    .refine((s) => s === '' || /^https?:\/\/\S+$/.test(s), 'Use a web address starting with https://.'),
});

export type PrizeValues = z.input<typeof prizeSchema>;
export const prizeFields = ['rank', 'name', 'description', 'valueUsd', 'quantity', 'fulfillmentType', 'sponsorId', 'imageUrl'] as const;

export function prizeValues(prize?: DrawingPrize, nextRank = 1): PrizeValues {
  return {
    rank: String(prize?.rank ?? nextRank),
    name: prize?.name ?? '',
    description: prize?.description ?? '',
    valueUsd: prize ? String(prize.valueUsd) : '',
    quantity: String(prize?.quantity ?? 1),
    fulfillmentType: prize?.fulfillmentType === 'digital' ? 'digital' : 'physical',
    sponsorId: prize?.sponsor?.sponsorId ?? '',
    imageUrl: prize?.imageUrl ?? '',
  };
}

export function toPrizeIn(values: PrizeValues): PrizeIn {
  const v = prizeSchema.parse(values);
  return {
    rank: Number(v.rank),
    name: v.name,
    description: v.description || null,
    valueUsd: Number(v.valueUsd),
    quantity: Number(v.quantity),
    fulfillmentType: v.fulfillmentType,
    sponsorId: v.sponsorId || null,
    imageUrl: v.imageUrl || null,
  };
}

export const templateSchema = drawingSchema
  .pick({ name: true, type: true, description: true, ticketCostPoints: true, eligibility: true })
  .extend({ prizes: z.array(prizeSchema).max(100, 'At most 100 prizes.') });

export type TemplateValues = z.input<typeof templateSchema>;

const PRIZE_KEYS = ['rank', 'name', 'valueUsd', 'quantity', 'fulfillmentType', 'sponsorId'] as const;
/** The names an API problem may give: the terms, and each prize's fields by position. */
export const templateFields = [
  'name',
  'type',
  'description',
  'ticketCostPoints',
  'eligibility.userType',
  'eligibility.minAccountAgeDays',
  ...Array.from({ length: 100 }, (_, i) => PRIZE_KEYS.map((k) => `prizes.${i}.${k}` as const)).flat(),
] as const;

export function templateValues(t?: Template): TemplateValues {
  const terms = drawingValues(
    t ? { name: t.name, type: t.type, description: t.description, ticketCostPoints: t.ticketCostPoints, eligibility: t.eligibility } : undefined,
  );
  return {
    name: terms.name,
    type: terms.type,
    description: terms.description,
    ticketCostPoints: terms.ticketCostPoints,
    eligibility: terms.eligibility,
    prizes: (t?.prizes ?? []).map((p) => ({
      ...prizeValues(),
      rank: String(p.rank),
      name: p.name,
      description: p.description ?? '',
      valueUsd: String(p.valueUsd),
      quantity: String(p.quantity),
      fulfillmentType: p.fulfillmentType,
      sponsorId: p.sponsorId ?? '',
      imageUrl: p.imageUrl ?? '',
    })),
  };
}

export function toTemplateIn(values: TemplateValues, isActive: boolean): TemplateIn {
  const v = templateSchema.parse(values);
  return {
    name: v.name,
    type: v.type,
    description: v.description || null,
    ticketCostPoints: v.ticketCostPoints ? Number(v.ticketCostPoints) : null,
    eligibility: { userType: v.eligibility.userType, minAccountAgeDays: Number(v.eligibility.minAccountAgeDays) },
    prizes: values.prizes.map(toPrizeIn),
    isActive,
  };
}
