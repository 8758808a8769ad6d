/**
 * A model's parameter outside what the model accepts: which model, which parameter (a field path,
 * e.g. `capacity.points[2]`), what it must be and what it was. It is a RangeError, so a caller that
 * only asks whether an input was out of range (a calibration fit) needs no more; the scenario reader
 * reports it at the key the parameter was read from, by these fields rather than by its text.
 */
export class ParameterError extends RangeError {
  constructor(
    readonly model: string,
    readonly parameter: string,
    /** What it must be, in words: "a rate > 1". */
    readonly accepted: string,
    /** What it was, as written in the message. */
    readonly got: string,
  ) {
    super(`${model}: ${parameter} must be ${accepted}, got ${got}`);
  }
}
