/** Seconds since the epoch, Telegram's unit for every date. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
