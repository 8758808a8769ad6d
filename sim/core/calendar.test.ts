import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { calendarMonths, daysInMonth, horizonHours, monthLabel } from './calendar.js';
import { HOURS_PER_YEAR } from './time.js';

const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

test('months are calendar months labelled by their first day: consecutive, February with its 28 or 29 days', () => {
  const start = at('2027-11-01');
  const months = calendarMonths(start, horizonHours(start, 0.5));
  assert.equal(Array.from({ length: months.count }, (_, m) => months.label(m)), ['2027-11-01', '2027-12-01', '2028-01-01', '2028-02-01', '2028-03-01', '2028-04-01']);
  assert.equal(Array.from(months.fullH), [30, 31, 31, 29, 31, 30].map((d) => 24 * d));
  assert.equal(Array.from(months.share), [1, 1, 1, 1, 1, 1]);
  assert.equal(Array.from(months.boundsH), [0, 30, 61, 92, 121, 152, 182].map((d) => 24 * d));
  assert.is(daysInMonth(2026, 1), 28);
  assert.is(monthLabel(start, 14), '2029-01-01');
});

test('a horizon of whole months ends on the calendar; any other length is a duration of 365.25-day years', () => {
  assert.is(horizonHours(at('2026-01-01'), 5), 24 * (5 * 365 + 1), 'to 2031-01-01: one leap day (2028)');
  assert.is(horizonHours(at('2026-05-01'), 0.5), 24 * 184, 'May to October: 31 + 30 + 31 + 31 + 30 + 31 days');
  assert.is(horizonHours(at('2026-01-31'), 1 / 12), 24 * 28, '31 January + 1 month: the last day of February');
  assert.is(horizonHours(at('2026-01-01'), 100 / HOURS_PER_YEAR), 100);
});

test('a horizon starting mid-month: the first and last months are partial, by days, and still labelled YYYY-MM-01', () => {
  const start = at('2026-01-16');
  const months = calendarMonths(start, horizonHours(start, 1));
  assert.is(months.count, 13);
  assert.is(months.label(0), '2026-01-01');
  assert.is(months.label(12), '2027-01-01');
  assert.is(months.share[0], 16 / 31);
  assert.is(months.share[12], 15 / 31);
  assert.is(months.boundsH[1], 16 * 24, 'January ends after its last 16 days');
  assert.ok(Math.abs(months.flowYears[13] - 1) < 1e-15, 'the discounting clock: 16/31 + 11 + 15/31 months is a year');
  assert.ok(Math.abs(months.flowYears[1] - 16 / 31 / 12) < 1e-15);
});

test('the month of an hour, the boundary a date falls due on and a payment lands on, and the discounting clock and its inverse', () => {
  const months = calendarMonths(at('2026-01-01'), 24 * 365);
  assert.is(months.monthAt(0), 0);
  assert.is(months.monthAt(743.9), 0);
  assert.is(months.monthAt(744), 1, 'February starts at hour 744');
  assert.is(months.boundaryOnOrAfter(0), 0, 'due at the start: index 0');
  assert.is(months.boundaryOnOrAfter(744), 1, 'due on a boundary: that boundary');
  assert.is(months.boundaryOnOrAfter(745), 2, 'due inside February: its end');
  assert.is(months.boundaryOnOrAfter(1e9), 12, 'after the horizon: its end');
  assert.is(months.paymentBoundary(0), 0, 'paid at the start: index 0');
  assert.is(months.paymentBoundary(744), 2, "paid at February's first hour: February's end");
  assert.is(months.paymentBoundary(745), 2, "paid inside February: February's end");
  assert.is(months.paymentBoundary(743.9), 1, "paid in January's last hour: January's end");
  assert.is(months.paymentBoundary(1e9), 12, 'after the horizon: its end');
  assert.is(months.yearsAt(744 + 336), (1 + 0.5) / 12, 'half of February is half a month');
  assert.is(months.hourAtYears(1.5 / 12), 744 + 336);
  assert.is(months.hourAtYears(1), 24 * 365);
  assert.throws(() => calendarMonths(0, 0), /no months/);
});

test.run();
