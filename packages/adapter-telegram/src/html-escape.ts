/** Escapes text for Telegram's HTML parse mode: only `<`, `>` and `&` are special there. */
export function escapeHtml(text: string): string {
  return text.replace(/[<>&]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&amp;'));
}
