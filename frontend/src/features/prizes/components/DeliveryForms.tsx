import { Button, FormAlert, SelectField, TextField } from '@/components';
import { useApiForm, type BindFields } from '@/lib/forms';
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

function AddressFields({ bind }: { bind: BindFields<`address.${keyof AddressValues}`> }) {
  return (
    <>
      <TextField label="Full name" autoComplete="name" {...bind('address.name')} />
      <TextField
        label="Street address"
        autoComplete="address-line1"
        {...bind('address.street1')}
      />
      <TextField
        label="Apartment, suite (optional)"
        autoComplete="address-line2"
        {...bind('address.street2')}
      />
      <TextField label="City" autoComplete="address-level2" {...bind('address.city')} />
      <SelectField
        label="State"
        autoComplete="address-level1"
        placeholder="Choose a state"
        options={stateOptions}
        {...bind('address.state')}
      />
      <TextField
        label="ZIP code"
        inputMode="numeric"
        autoComplete="postal-code"
        hint="5 digits, or ZIP+4"
        {...bind('address.zip')}
      />
      <TextField
        label="Phone (optional, for the carrier)"
        type="tel"
        autoComplete="tel"
        {...bind('address.phone')}
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
  const { banner, bind, submit } = useApiForm<ShippingValues>({
    schema: shippingSchema,
    fields: addressFields,
    defaultValues: { address: initialAddress(prize) },
  });

  return (
    <form
      className="form"
      noValidate
      onSubmit={submit(async (values) => {
        await confirm.mutateAsync({ address: toAddressIn(shippingSchema.parse(values).address), email: null });
        onDone();
      })}
    >
      <FormAlert messages={banner} />
      <AddressFields bind={bind} />
      <Button type="submit" busy={confirm.isPending}>
        Confirm address
      </Button>
    </form>
  );
}

export function DeliveryEmailForm({ prize, onDone }: { prize: MyPrize; onDone: () => void }) {
  const confirm = useConfirmDelivery(prize.fulfillmentId);
  const { banner, bind, submit } = useApiForm<EmailValues>({
    schema: emailSchema,
    fields: ['email'],
    defaultValues: { email: prize.deliveryEmail ?? '' },
  });
  return (
    <form
      className="form"
      noValidate
      onSubmit={submit(async (values) => {
        await confirm.mutateAsync({ address: null, email: values.email.trim() });
        onDone();
      })}
    >
      <FormAlert messages={banner} />
      <TextField label="Delivery email" type="email" autoComplete="email" {...bind('email')} />
      <Button type="submit" busy={confirm.isPending}>
        Confirm email
      </Button>
    </form>
  );
}

export function TaxDetailsForm({ prize, onDone }: { prize: MyPrize; onDone: (last4: string) => void }) {
  const send = useSubmitTaxDetails(prize.fulfillmentId);
  const { banner, bind, submit } = useApiForm<TaxValues>({
    schema: taxSchema,
    fields: ['legalName', 'taxId', ...addressFields],
    defaultValues: { legalName: '', taxId: '', address: prize.shippingAddress ? initialAddress(prize) : emptyAddress },
  });
  return (
    <form
      className="form"
      noValidate
      autoComplete="off"
      onSubmit={submit(async (values) => {
        const parsed = taxSchema.parse(values);
        const receipt = await send.mutateAsync({ ...parsed, address: toAddressIn(parsed.address) });
        onDone(receipt.taxIdLast4);
      })}
    >
      <p className="muted small">
        Prizes worth $600 or more are reported to the IRS (Form 1099-MISC). Your details are encrypted; we only ever show
        the last 4 digits.
      </p>
      <FormAlert messages={banner} />
      <TextField label="Legal name" autoComplete="name" {...bind('legalName')} />
      <TextField
        label="SSN or ITIN"
        inputMode="numeric"
        autoComplete="off"
        hint="9 digits; dashes are fine"
        {...bind('taxId')}
      />
      <AddressFields bind={bind} />
      <Button type="submit" busy={send.isPending}>
        Send tax details
      </Button>
    </form>
  );
}
