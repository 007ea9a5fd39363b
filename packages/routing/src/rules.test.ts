import { ACTIONS, ORIENTATION_PROFILES } from '@pare/schema';
import { describe, expect, it } from 'vitest';
import { ACTION_PREFERENCE } from './rules.ts';

describe('ACTION_PREFERENCE', () => {
  // With « je ne sais pas » every action counts: a missing one would silently drop actors.
  it.each(ORIENTATION_PROFILES)('every action counts for a %s who does not know what they need', (profile) => {
    expect([...ACTION_PREFERENCE[profile]].sort()).toEqual([...ACTIONS].sort());
  });
});
