/** Thrown when an event cannot be scheduled (NaN, infinite or past time, bad priority or kind). */
export class SchedulingError extends Error {
  override readonly name = 'SchedulingError';
}
