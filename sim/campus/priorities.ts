/**
 * The order of a campus's events within one instant (lower first): the grid's changes (outages,
 * derates, backup, halls opening or failing) and the chain's (difficulty epochs, halvings, fleet
 * changes) before prices are read, and the books closed last, on what the hour ended with.
 */
export const PRIORITY_GRID = -2;
export const PRIORITY_CHAIN = -1;
export const PRIORITY_MARKET = 0;
export const PRIORITY_BOOKS = 1;
/** Decision rules act after the month is booked, on what it ended with. */
export const PRIORITY_DECISIONS = 2;
