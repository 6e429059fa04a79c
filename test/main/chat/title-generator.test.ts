import { describe, expect, it } from 'vitest';
import { cleanTitle, generateTitle, titleInstruction } from '../../../main/chat/title-generator';
import { ScriptedProvider } from './scripted-provider';

describe('titles', () => {
  it('asks the model with a short instruction and the first exchange', async () => {
    const provider = new ScriptedProvider();
    provider.push(
      { type: 'text', text: '"Growing Tomatoes' },
      { type: 'text', text: ' on Balconies."' },
      'end',
    );
    const title = await generateTitle(
      provider,
      'm',
      'How do I grow tomatoes?',
      'Sun and a deep pot.',
    );
    expect(title).toBe('Growing Tomatoes on Balconies');
    expect(provider.requests[0]).toMatchObject({
      model: 'm',
      system: titleInstruction,
      maxTokens: 24,
    });
    expect(provider.requests[0]?.messages[0]?.content).toContain('How do I grow tomatoes?');
  });

  it('cleans what models tend to add, and gives up on nothing', () => {
    expect(cleanTitle('Title: **Rust lifetimes**\nMore text')).toBe('Rust lifetimes');
    expect(cleanTitle('   ')).toBeNull();
    expect(cleanTitle('x'.repeat(100))?.length).toBe(60);
  });
});
