/** The study around the campus: its name, horizon, study settings, named inputs, sweeps and variants. */
import { POLICIES } from './policy.js';
import { MAX_REPLICATIONS, MAX_SEED } from '../../core/stream.js';
import { date, json, list, mapOf, NAME_PATTERN, number, ref, section, string } from './define.js';

/** The scenario's name: it becomes the output folder, and a file system refuses names past 255 bytes, at the end of a run. */
export const NAME = string('Short name; becomes the output folder name.', { minLength: 1, pattern: NAME_PATTERN, longest: 100 });

/** Layouts to compare: each runs in every replication (a study of 5,000 layouts never ends), and a name heads table rows and report sections. */
export const VARIANTS = mapOf(ref('variant'), {
  description: 'Campus layouts to compare; each deep-merges over the base campus (site, mining, finance, lease, gpuCloud). The world (market, network) is shared by all.',
  namePattern: NAME_PATTERN,
  minEntries: 1,
  most: 100,
  longestName: 64,
});

/** Most variants one sweep may generate: each runs in every replication. */
export const MOST_SWEPT_VARIANTS = 100;

export const HORIZON = section({
  start: date('First day simulated (UTC), YYYY-MM-DD.'),
  years: number({ max: 50, above: 0, schemaBounds: ['max', 'above'], description: 'Length of the horizon in years of 365.25 days.' })
}, { required: ['start', 'years'] });

export const STUDY = section({
  replications: number({ min: 2, max: MAX_REPLICATIONS, integer: true, default: 200, schemaBounds: ['min', 'max'], description: 'Replications (draws of the world) to run.' }),
  seed: number({ min: 0, max: MAX_SEED, integer: true, default: 1, schemaBounds: ['min', 'max'], description: 'Root seed, a whole number below 2^53: same seed and scenario give the same bytes out.' }),
  confidence: number({ above: 0, below: 1, default: 0.95, schemaBounds: ['above', 'below'], description: 'Confidence level of every interval, e.g. 0.95.' }),
  baseline: string('Variant the others are compared with, pairwise.')
});

export const INPUTS = mapOf(number(), { description: 'Named numbers any expression may use, usually distributions drawn once per replication, e.g. gpuPriceDecline: uniform(0.1, 0.4) with price: 2.35 * (1 - gpuPriceDecline)^years USD/GPU/h.', namePattern: '^[A-Za-z][A-Za-z0-9_]*$' });

export const SWEEP = section({
  over: string('The variant to vary; default: the base campus.'),
  parameters: list(section({
    path: string('Dotted key path of a number or quantity under site, mining, finance, lease or gpuCloud, e.g. gpuCloud.it.'),
    values: list(number(), { description: 'Values to try, with units where the key has them, e.g. [10 MW, 20 MW, 30 MW].', minItems: 1 })
  }, { required: ['path', 'values'] }), { minItems: 1, maxItems: 2 })
}, { required: ['parameters'], description: 'Variants generated over one or two numeric inputs of the campus: every combination of the values, each merged over the variant named in `over` (default: the base campus).' });

export const VARIANT = section({
  description: string(),
  site: ref('variantSite'),
  mining: ref('mining'),
  finance: ref('finance'),
  lease: ref('lease'),
  gpuCloud: ref('gpuCloud'),
  policies: POLICIES,
  versus: string('The layout with a plan fixed at the start that this adaptive one is judged against: the value of flexibility is the paired difference of their NPVs.'),
});
