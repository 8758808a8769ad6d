/** The clock's unit is the hour; these are the conversions every model shares. */

/** Hours in a year of 365.25 days (the Julian year, as mathjs's `year` unit). */
export const HOURS_PER_YEAR = 8766;
export const HOURS_PER_DAY = 24;
/** Hours in an average month (a twelfth of a Julian year). */
export const HOURS_PER_MONTH = HOURS_PER_YEAR / 12;
export const SECONDS_PER_HOUR = 3600;
