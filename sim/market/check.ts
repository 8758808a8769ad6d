/** Parameter checks shared by the price and fee models: a RangeError naming model, parameter and range. */
export function requireModelParameter(ok: boolean, model: string, parameter: string, value: unknown, accepted: string): void {
  if (!ok) throw new RangeError(`${model}: ${parameter} must be ${accepted}, got ${String(value)}`);
}

export const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
