import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { Button, FormAlert, SelectField, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
import { US_STATES } from '@/lib/eligibility';
import { useConfirmDelivery, useSubmitTaxDetails, type MyPrize } from '../api/prizes';
import {
  addressFields,
  emailSchema,
  emptyAddress,
  shippingSchema,
  taxSchema,
  toAddressIn,
  type AddressValues,
  type EmailValues,
  type ShippingValues,
  type TaxValues,
} from '../api/schemas';

const stateOptions = US_STATES.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));

function AddressFields({
  register,
  errors,
}: {
  register: UseFormRegister<{ address: AddressValues }>;
  errors: FieldErrors<{ address: AddressValues }>['address'];
}) {
  return (
    <>
      <TextField label="Full name" autoComplete="name" error={errors?.name?.message} {...register('address.name')} />
      <TextField
        label="Street address"
        autoComplete="address-line1"
        error={errors?.street1?.message}
        {...register('address.street1')}
      />
      <TextField
        label="Apartment, suite (optional)"
        autoComplete="address-line2"
        error={errors?.street2?.message}
        {...register('address.street2')}
      />
      <TextField label="City" autoComplete="address-level2" error={errors?.city?.message} {...register('address.city')} />
      <SelectField
        label="State"
        autoComplete="address-level1"
        placeholder="Choose a state"
        options={stateOptions}
        error={errors?.state?.message}
        {...register('address.state')}
      />
      <TextField
        label="ZIP code"
        inputMode="numeric"
        autoComplete="postal-code"
        hint="5 digits, or ZIP+4"
        error={errors?.zip?.message}
        {...register('address.zip')}
      />
      <TextField
        label="Phone (optional, for the carrier)"
        type="tel"
        autoComplete="tel"
        error={errors?.phone?.message}
        {...register('address.phone')}
      />
    </>
  );
}

function initialAddress(prize: MyPrize): AddressValues {
  const a = (prize.shippingAddress ?? {}) as Partial<Record<keyof AddressValues, string | null>>;
  const pick = (k: keyof AddressValues) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  return {
    name: pick('name'),
    street1: pick('street1'),
    street2: pick('street2'),
    city: pick('city'),
    state: pick('state'),
    zip: pick('zip'),
    phone: pick('phone'),
  };
}

export function ShippingAddressForm({ prize, onDone }: { prize: MyPrize; onDone: () => void }) {
  const confirm = useConfirmDelivery(prize.fulfillmentId);
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ShippingValues>({ resolver: zodResolver(shippingSchema), defaultValues: { address: initialAddress(prize) } });

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        setBanner([]);
        try {
          await confirm.mutateAsync({ address: toAddressIn(shippingSchema.parse(values).address), email: null });
          onDone();
        } catch (error) {
          setBanner(applyFieldErrors(error, setError, addressFields));
        }
      })}
    >
      <FormAlert messages={banner} />
      <AddressFields register={register} errors={errors.address} />
      <Button type="submit" busy={confirm.isPending}>
        Confirm address
      </Button>
    </form>
  );
}

export function DeliveryEmailForm({ prize, onDone }: { prize: MyPrize; onDone: () => void }) {
  const confirm = useConfirmDelivery(prize.fulfillmentId);
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<EmailValues>({ resolver: zodResolver(emailSchema), defaultValues: { email: prize.deliveryEmail ?? '' } });
  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit(async (values) => {
        setBanner([]);
        try {
          await confirm.mutateAsync({ address: null, email: values.email.trim() });
          onDone();
        } catch (error) {
          setBanner(applyFieldErrors(error, setError, ['email']));
        }
      })}
    >
      <FormAlert messages={banner} />
      <TextField label="Delivery email" type="email" autoComplete="email" error={errors.email?.message} {...register('email')} />
      <Button type="submit" busy={confirm.isPending}>
        Confirm email
      </Button>
    </form>
  );
}

export function TaxDetailsForm({ prize, onDone }: { prize: MyPrize; onDone: (last4: string) => void }) {
  const submit = useSubmitTaxDetails(prize.fulfillmentId);
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<TaxValues>({
    resolver: zodResolver(taxSchema),
    defaultValues: { legalName: '', taxId: '', address: prize.shippingAddress ? initialAddress(prize) : emptyAddress },
  });
  return (
    <form
      className="form"
      noValidate
      autoComplete="off"
      onSubmit={handleSubmit(async (values) => {
        setBanner([]);
        const parsed = taxSchema.parse(values);
        try {
          const receipt = await submit.mutateAsync({ ...parsed, address: toAddressIn(parsed.address) });
          onDone(receipt.taxIdLast4);
        } catch (error) {
          setBanner(applyFieldErrors(error, setError, ['legalName', 'taxId', ...addressFields]));
        }
      })}
    >
      <p className="muted small">
        Prizes worth $600 or more are reported to the IRS (Form 1099-MISC). Your details are encrypted; we only ever show
        the last 4 digits.
      </p>
      <FormAlert messages={banner} />
      <TextField label="Legal name" autoComplete="name" error={errors.legalName?.message} {...register('legalName')} />
      <TextField
        label="SSN or ITIN"
        inputMode="numeric"
        autoComplete="off"
        hint="9 digits; dashes are fine"
        error={errors.taxId?.message}
        {...register('taxId')}
      />
      <AddressFields
        register={register as unknown as UseFormRegister<{ address: AddressValues }>}
        errors={errors.address}
      />
      <Button type="submit" busy={submit.isPending}>
        Send tax details
      </Button>
    </form>
  );
}
