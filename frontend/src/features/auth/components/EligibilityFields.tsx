import { Checkbox, SelectField, TextField } from '@/components';
import { useLegalDocument, type LegalKind } from '@/lib/api/legal';
import type { BindFields } from '@/lib/forms';
import { EXCLUDED_STATES, EXCLUDED_STATES_EXPLANATION, US_STATES } from '@/lib/eligibility';
import type { EligibilityValues } from '../api/schemas';

const stateOptions = US_STATES.map((s) => ({
  value: s.code,
  label: s.code in EXCLUDED_STATES ? `${s.name} (not eligible)` : s.name,
}));

/**
 * The document a consent box records: registration records the version in force, so the link
 * names that version (/legal/:kind/:version) and opens in a new tab to keep the form as typed.
 * Until the version is known it links the current document.
 */
function LegalLink({ kind, children }: { kind: LegalKind; children: string }) {
  const doc = useLegalDocument(kind);
  const version = doc.data?.currentVersion;
  return (
    <a href={version ? `/legal/${kind}/${version}` : `/legal/${kind}`} target="_blank" rel="noopener">
      <strong>{children}</strong>
      {version ? ` (version ${version})` : ''} <span className="visually-hidden">(opens in a new tab)</span>
    </a>
  );
}

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
            I accept the <LegalLink kind="terms">Terms of Service</LegalLink>.
          </>
        }
        {...bind('acceptedTerms')}
      />
      <Checkbox
        label={
          <>
            I accept the <LegalLink kind="sweepstakes-rules">Sweepstakes Rules</LegalLink> (no purchase necessary).
          </>
        }
        {...bind('acceptedSweepstakesRules')}
      />
    </>
  );
}
