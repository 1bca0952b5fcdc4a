/**
 * The campaign runs on China time (UTC+8, no daylight saving): its days, its "17时" deadlines and
 * the bulletin's dates, whatever the reader's or the server's clock says.
 */
export const DAY_MS = 86_400_000
export const CHINA_OFFSET_MS = 8 * 3_600_000

/** The wall-clock fields of an instant in China. */
export function chinaTime(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS)
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes() }
}

/** The instant (ms) of 00:00 China time on the China day that holds `at` (ms). */
export function chinaDayStart(at: number): number {
  return Math.floor((at + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
}
