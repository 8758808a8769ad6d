/** Parameter checks shared by the price and fee models: a ParameterError naming model, parameter and range. */
import { ParameterError } from '../core/parameter-error.js';

export function requireModelParameter(ok: boolean, model: string, parameter: string, value: unknown, accepted: string): void {
  if (!ok) throw new ParameterError(model, parameter, accepted, String(value));
}

export const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
