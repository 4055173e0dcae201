/*
 * Building blocks for the change lines setup reports (`endpoint: http://old → http://new`).
 * Each returns undefined when there is nothing to change, so callers can filter.
 */

type Shown = string | boolean | undefined;

/** `field: from → to` when the values differ. An absent value shows as `(none)`. */
export function changeLine(field: string, from: Shown, to: Shown): string | undefined {
  return from === to ? undefined : `${field}: ${show(from)} → ${show(to)}`;
}

/** Like {@link changeLine} for free text, quoted so empty and padded values stay visible. */
export function textChangeLine(field: string, from: string | undefined, to: string): string | undefined {
  return (from ?? '') === to ? undefined : `${field}: ${from === undefined ? '(none)' : JSON.stringify(from)} → ${JSON.stringify(to)}`;
}

/**
 * The secret's line; never shows a value. Unblu may not return secrets on read: then setup cannot
 * tell whether it differs and leaves it alone (rewriting it on every start would bump the version
 * each time and make every run an "update"), unless the caller asks to re-send it.
 */
export function secretChangeLine(current: string | undefined, desired: string, resend: boolean): string | undefined {
  if (current !== undefined) return current === desired ? undefined : 'secret: changed';
  return resend ? 'secret: re-sent (Unblu does not show it)' : undefined;
}

export function presentLines(lines: (string | undefined)[]): string[] {
  return lines.filter((line): line is string => line !== undefined);
}

function show(value: Shown): string {
  return value === undefined || value === '' ? '(none)' : String(value);
}
