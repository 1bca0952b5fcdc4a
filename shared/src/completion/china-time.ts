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

/** The China calendar day that holds an instant, as "2026-07-27" (the form deadlines and date inputs use). */
export function chinaDayOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a China calendar day ("2026-07-27") reaches a whole hour (0–24; 24 is the day's end). */
export function atChinaHour(day: string, hour: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS + hour * 3_600_000)
}

/** A deadline day is met by anything done before the end of that day in China (24:00 UTC+8). */
export function chinaDayEnd(day: string): Date {
  return atChinaHour(day, 24)
}
