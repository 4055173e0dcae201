/**
 * Splits `text` into pieces of at most `max` UTF-16 code units, preferring paragraph breaks, then
 * line breaks, then spaces, and never cutting a surrogate pair. Joined back together (with the
 * break characters kept at the end of each piece) the pieces give `text` again.
 */
export function splitText(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`max must be an integer >= 2, got ${max}`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = findCut(rest, max);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function findCut(text: string, max: number): number {
  const window = text.slice(0, max);
  // Only accept a natural boundary in the later half, so pieces do not become tiny.
  const floor = Math.floor(max / 2);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(boundary);
    if (at >= floor) return at + boundary.length;
  }
  const code = text.charCodeAt(max - 1);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return isHighSurrogate ? max - 1 : max;
}
