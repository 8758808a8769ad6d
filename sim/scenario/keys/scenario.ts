/**
 * The whole scenario file: its top-level sections in file order, and the shared definitions
 * (`$defs`) that `ref()` names. Adding a key: see docs/scenarios.md, "Adding a key".
 */
import { MARKET } from './market.js';
import { NETWORK } from './network.js';
import { COOLING, DERATE_CURVE } from './cooling.js';
import { type SectionKey, ref, section, string } from './define.js';
import { FINANCE } from './finance.js';
import { GPU_CLOUD } from './gpu-cloud.js';
import { LEASE } from './lease.js';
import { MINING } from './mining.js';
import { BACKUP, PPA, SITE, VARIANT_SITE } from './site.js';
import { POLICIES, POLICY } from './policy.js';
import { HORIZON, INPUTS, NAME, STUDY, SWEEP, VARIANT, VARIANTS } from './study.js';

/** Shared definitions by name, in the order schema.json lists them. */
export const DEFINITIONS: Readonly<Record<string, SectionKey>> = {
  site: SITE,
  mining: MINING,
  variant: VARIANT,
  finance: FINANCE,
  ppa: PPA,
  variantSite: VARIANT_SITE,
  lease: LEASE,
  gpuCloud: GPU_CLOUD,
  derateCurve: DERATE_CURVE,
  cooling: COOLING,
  backup: BACKUP,
  policy: POLICY,
};

export const SCENARIO = section(
  {
    name: NAME,
    description: string(),
    horizon: HORIZON,
    study: STUDY,
    market: MARKET,
    network: NETWORK,
    site: ref('site', { required: ['grid'] }),
    mining: ref('mining', { required: ['asic', 'capacity'] }),
    variants: VARIANTS,
    finance: ref('finance'),
    lease: ref('lease'),
    gpuCloud: ref('gpuCloud'),
    // Rules written here apply to every layout that does not write its own (a campus section, merged like the others).
    policies: POLICIES,
    sweep: SWEEP,
    inputs: INPUTS,
  },
  {
    required: ['name', 'horizon', 'market', 'network', 'site', 'mining', 'variants'],
    description:
      'A campus, the world it lives in (BTC market, bitcoin network) and the layouts to compare. Quantities are strings with units ("300 MW", "45 USD/MWh") or mathjs expressions of them. Any number or quantity may instead be a distribution drawn once per replication — uniform(min, max), triangular(min, mode, max), normal(mean, sd), lognormal(mean, sd) — e.g. "uniform(0.35, 0.55)" or "triangular(12 months, 15 months, 24 months)".',
  },
);
