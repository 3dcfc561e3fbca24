import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button, Checkbox, FormAlert, SelectField, TextField } from '@/components';
import { applyFieldErrors } from '@/lib/api/errors';
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
  const [banner, setBanner] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ProfileValues>({ resolver: zodResolver(profileSchema), defaultValues: defaults(profile) });

  const onSubmit = handleSubmit(async (values) => {
    setBanner([]);
    try {
      await updateProfile(toProfileUpdate(values));
      await onSaved();
    } catch (error) {
      setBanner(applyFieldErrors(error, setError, profileFields));
    }
  });

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Your profile">
      <FormAlert messages={banner} />
      <TextField
        label="Display name"
        hint="Shown on leaderboards. 3–30 characters."
        autoComplete="nickname"
        error={errors.displayName?.message}
        {...register('displayName')}
      />
      <SelectField
        label="Biological sex"
        placeholder="Choose"
        hint="Used with your age and fitness level to place you in a fair competition tier."
        options={[
          { value: 'female', label: 'Female' },
          { value: 'male', label: 'Male' },
        ]}
        error={errors.biologicalSex?.message}
        {...register('biologicalSex')}
      />
      <SelectField
        label="Fitness level"
        placeholder="Choose"
        options={[
          { value: 'beginner', label: 'Beginner' },
          { value: 'intermediate', label: 'Intermediate' },
          { value: 'advanced', label: 'Advanced' },
        ]}
        error={errors.fitnessLevel?.message}
        {...register('fitnessLevel')}
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
          error={errors.heightInches?.message}
          {...register('heightInches')}
        />
        <TextField
          label="Weight (pounds, optional)"
          inputMode="numeric"
          error={errors.weightPounds?.message}
          {...register('weightPounds')}
        />
      </div>
      <TextField label="Time zone" error={errors.timezone?.message} {...register('timezone')} />
      <Checkbox
        label="Also rank me on the OPEN leaderboard, against everyone who opted in"
        {...register('openLeaderboard')}
      />
      <Button type="submit" className="btn-block" busy={isSubmitting}>
        Save profile
      </Button>
    </form>
  );
}
