/**
 * The kinds of load a campus can have, in shed order: a tenant's leased hall is served first, the
 * owned GPU hall next, mining last. A new kind is one file implementing `Load` and a line here.
 */
import { GPU_HALL } from './gpu-hall.js';
import { LEASE_HALL } from './lease-hall.js';
import type { LoadKind } from './load.js';
import { MINING_HALL } from './mining-load.js';

export const LOAD_KINDS: readonly LoadKind[] = [LEASE_HALL, GPU_HALL, MINING_HALL];

