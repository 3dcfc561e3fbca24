import { Checkbox, SelectField, TextField } from '@/components';
import type { BindFields } from '@/lib/forms';
import { EXCLUDED_STATES, EXCLUDED_STATES_EXPLANATION, US_STATES } from '@/lib/eligibility';
import type { EligibilityValues } from '../api/schemas';

const stateOptions = US_STATES.map((s) => ({
  value: s.code,
  label: s.code in EXCLUDED_STATES ? `${s.name} (not eligible)` : s.name,
}));

/** What registration asks besides credentials: age, residence and consents (SPEC.md section 1). */
export function EligibilityFields({ bind, state }: { bind: BindFields<keyof EligibilityValues>; state: string }) {
  return (
    <>
      <TextField
        label="Date of birth"
        type="date"
        autoComplete="bday"
        hint="You must be 18 or older. Your date of birth cannot be changed later."
        {...bind('dateOfBirth')}
      />
      <SelectField
        label="State of residence"
        placeholder="Choose a state"
        options={stateOptions}
        hint="Open to residents of the 50 states and DC, except New York, Florida and Rhode Island."
        {...bind('stateOfResidence')}
      />
      {state in EXCLUDED_STATES ? (
        <div className="alert alert-info" role="note">
          <p>{EXCLUDED_STATES_EXPLANATION}</p>
        </div>
      ) : null}
      <Checkbox
        label={
          <>
            I accept the <strong>Terms of Service</strong>.
          </>
        }
        {...bind('acceptedTerms')}
      />
      <Checkbox
        label={
          <>
            I accept the <strong>Sweepstakes Rules</strong> (no purchase necessary).
          </>
        }
        {...bind('acceptedSweepstakesRules')}
      />
    </>
  );
}
