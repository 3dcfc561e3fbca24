import { Button, Checkbox, FormAlert, SelectField, TextField } from '@/components';
import { useApiForm } from '@/lib/forms';
import type { components } from '@/lib/api/schema';
import {
  browserTimezone,
  GOALS,
  profileFields,
  profileSchema,
  toProfileUpdate,
  updateProfile,
  type ProfileValues,
} from '../api/profile';

type ProfileView = components['schemas']['ProfileView'];

function defaults(profile: ProfileView | undefined): ProfileValues {
  return {
    displayName: profile?.displayName ?? '',
    biologicalSex: (profile?.biologicalSex as ProfileValues['biologicalSex']) ?? ('' as ProfileValues['biologicalSex']),
    fitnessLevel: (profile?.fitnessLevel as ProfileValues['fitnessLevel']) ?? ('' as ProfileValues['fitnessLevel']),
    goals: (profile?.goals ?? []) as ProfileValues['goals'],
    heightInches: profile?.heightInches != null ? String(profile.heightInches) : '',
    weightPounds: profile?.weightPounds != null ? String(profile.weightPounds) : '',
    timezone: profile?.timezone && profile.complete ? profile.timezone : browserTimezone(),
    openLeaderboard: profile?.openLeaderboard ?? false,
  };
}

export function ProfileForm({ profile, onSaved }: { profile?: ProfileView; onSaved: () => void | Promise<void> }) {
  const { banner, bind, register, submit, formState } = useApiForm<ProfileValues>({
    schema: profileSchema,
    fields: profileFields,
    defaultValues: defaults(profile),
  });

  const onSubmit = submit(async (values) => {
    await updateProfile(toProfileUpdate(values));
    await onSaved();
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Your profile">
      <FormAlert messages={banner} />
      <TextField
        label="Display name"
        hint="Shown on leaderboards. 3–30 characters."
        autoComplete="nickname"
        {...bind('displayName')}
      />
      <SelectField
        label="Biological sex"
        placeholder="Choose"
        hint="Used with your age and fitness level to place you in a fair competition tier."
        options={[
          { value: 'female', label: 'Female' },
          { value: 'male', label: 'Male' },
        ]}
        {...bind('biologicalSex')}
      />
      <SelectField
        label="Fitness level"
        placeholder="Choose"
        options={[
          { value: 'beginner', label: 'Beginner' },
          { value: 'intermediate', label: 'Intermediate' },
          { value: 'advanced', label: 'Advanced' },
        ]}
        {...bind('fitnessLevel')}
      />
      <fieldset className="field">
        <legend className="field-label">Goals</legend>
        <div className="check-group">
          {GOALS.map((goal) => (
            <label key={goal.value} className="check-row">
              <input type="checkbox" value={goal.value} {...register('goals')} />
              {goal.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-2">
        <TextField
          label="Height (inches, optional)"
          inputMode="numeric"
          {...bind('heightInches')}
        />
        <TextField
          label="Weight (pounds, optional)"
          inputMode="numeric"
          {...bind('weightPounds')}
        />
      </div>
      <TextField label="Time zone" {...bind('timezone')} />
      <Checkbox
        label="Also rank me on the OPEN leaderboard, against everyone who opted in"
        {...register('openLeaderboard')}
      />
      <Button type="submit" className="btn-block" busy={formState.isSubmitting}>
        Save profile
      </Button>
    </form>
  );
}
