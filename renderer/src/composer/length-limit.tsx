/**
 * Size limits of the text fields, told to the user in words before they are reached. The
 * numbers are main's: each is the `.max()` of the request schema that checks the field
 * (preload/api/chat.ts for messages, preload/api/profiles.ts for the system prompt and model
 * name; test/renderer/composer/length-limit.test.ts holds them equal). Main would refuse a
 * longer text with a validator's sentence ("Too big: expected string to have <=500
 * characters"), which must never reach the screen, so the field says it first and its Save
 * or Send waits.
 */
import { useTranslation } from '../i18n';
import './length-limit.css';

/** The limits, in characters (UTF-16 code units, as zod's string length counts them). */
export const lengthLimits = {
  /** A message, sent or edited: `chat:send` and `chat:edit`'s `text`. */
  message: 1_000_000,
  /** A conversation's system prompt: `conversation-settings:set`'s `systemPrompt`. */
  systemPrompt: 100_000,
  /** A model's name typed by hand: `conversation-settings:set`'s `model`. */
  modelName: 200,
} as const;

/** The share of a limit after which the field starts counting down (the last tenth). */
const warnFrom = 0.9;

/** True when `text` is longer than `max`: the field's action must wait. */
export function overLimit(text: string, max: number): boolean {
  return text.length > max;
}

interface LengthNoteProps {
  length: number;
  max: number;
  /** The note's id, for the field's aria-describedby. */
  id?: string;
  /** Say the limit even while far from it ("Up to 100,000 characters."). */
  always?: boolean;
}

/**
 * "1,204 characters left" near the limit and "Shorten it by 35 characters to save" past it;
 * nothing before (or the limit itself, with `always`). A polite live region, so a screen
 * reader hears the warning as it appears.
 */
export function LengthNote({ length, max, id, always = false }: LengthNoteProps) {
  const { t } = useTranslation();
  let text: string | null = null;
  let over = false;
  if (length > max) {
    text = t('chatView.limits.over', { count: length - max });
    over = true;
  } else if (length >= max * warnFrom) {
    text = t('chatView.limits.left', { count: max - length });
  } else if (always) {
    text = t('chatView.limits.upTo', { count: max });
  }
  return (
    <p id={id} className={over ? 'length-note is-over' : 'length-note'} aria-live="polite">
      {text}
    </p>
  );
}
