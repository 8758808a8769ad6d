/**
 * Calendar arithmetic for the site models. The clock counts hours from the horizon start (midnight
 * UTC of its first day); seasons, summer months and dated events need the calendar behind it.
 * Site time is read as the local clock: a day starts at hour 0, 24, 48, …
 */

import { calendarMonths } from '../core/calendar.js';

const MS_PER_HOUR = 3_600_000;

/** Day of the year (0 = 1 January, fractional) at `unixSeconds`. */
export function dayOfYear(unixSeconds: number): number {
  const start = new Date(unixSeconds * 1000);
  return (start.getTime() - Date.UTC(start.getUTCFullYear(), 0, 1)) / 86_400_000;
}

/** One calendar month of the horizon, clipped to it: hours [startH, endH). */
export interface MonthSpan {
  readonly year: number;
  /** 0 = January … 11 = December. */
  readonly month: number;
  readonly startH: number;
  readonly endH: number;
}

/** The calendar months that overlap [0, hours) of a horizon starting at `startUnixSeconds`, in order. */
export function monthSpans(startUnixSeconds: number, hours: number): MonthSpan[] {
  const months = calendarMonths(startUnixSeconds, hours);
  return Array.from({ length: months.count }, (_, m) => ({ year: months.year(m), month: months.month(m), startH: months.boundsH[m], endH: months.boundsH[m + 1] }));
}

// YYYY-MM-DD, optionally THH:MM[:SS[.fff]] (or a space), optionally Z or ±HH:MM.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date or date-time, or NaN when it is not one. A time
 * without a zone is read as UTC — the horizon's own convention — never as the host's local time,
 * which `Date.parse` would use and which would make a run depend on the machine.
 */
export function parseIsoTimeMs(text: string): number {
  const m = ISO.exec(text.trim());
  if (!m) return NaN;
  const year = Number(m[1]), month = Number(m[2]) - 1, day = Number(m[3]);
  const hour = Number(m[4] ?? 0), minute = Number(m[5] ?? 0), second = Number(m[6] ?? 0);
  if (month < 0 || month > 11 || day < 1 || hour > 23 || minute > 59 || second >= 60) return NaN;
  const ms = Date.UTC(year, month, day, hour, minute, Math.floor(second)) + Math.round((second % 1) * 1000);
  // Date.UTC rolls 31 February over into March: refuse a day the month does not have.
  if (new Date(ms).getUTCDate() !== day) return NaN;
  const zone = m[7];
  if (!zone || zone === 'Z') return ms;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Hours from the horizon start to an ISO date or date-time (NaN when `text` is not one). */
export function hoursFromStart(text: string, startUnixSeconds: number): number {
  return (parseIsoTimeMs(text) - startUnixSeconds * 1000) / MS_PER_HOUR;
}
