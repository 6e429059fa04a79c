import { describe, expect, it } from 'vitest';
import type { ProfilesState, ProviderProfileView } from '../../../preload/api';
import { environmentKeyVariable } from '../../../renderer/src/transcript/key-source';
import { defaultProviderProfile, fakePresets } from '../support/fake-profiles';

function state(
  profiles: ProviderProfileView[],
  environment: ProfilesState['environment'],
): ProfilesState {
  return {
    profiles,
    activeId: profiles[0]?.id ?? null,
    environment,
    presets: fakePresets,
    keyProtection: 'encrypted',
  };
}

const anthropicEnv = {
  kind: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  model: 'm',
} as const;
const openAiEnv = {
  kind: 'openai-compatible',
  baseUrl: 'https://api.openai.com/v1',
  model: 'm',
} as const;

describe('where a key came from', () => {
  it('names the variable when no profile is saved and one comes from the environment', () => {
    expect(environmentKeyVariable(state([], anthropicEnv), undefined)).toBe('ANTHROPIC_API_KEY');
    expect(environmentKeyVariable(state([], openAiEnv), undefined)).toBe('OPENAI_API_KEY');
  });

  it('names the variable a saved profile without a key of its own falls back to', () => {
    const keyless = { ...defaultProviderProfile, hasKey: false, keyHint: null };
    expect(environmentKeyVariable(state([keyless], anthropicEnv), 'p-1')).toBe('ANTHROPIC_API_KEY');
  });

  it('says Settings (null) for a saved key, and for no key anywhere', () => {
    expect(environmentKeyVariable(state([defaultProviderProfile], anthropicEnv), 'p-1')).toBeNull();
    expect(environmentKeyVariable(state([], null), undefined)).toBeNull();
    const keyless = { ...defaultProviderProfile, hasKey: false, keyHint: null };
    // The environment holds an OpenAI key: it is never sent to Anthropic.
    expect(environmentKeyVariable(state([keyless], openAiEnv), 'p-1')).toBeNull();
  });
});
