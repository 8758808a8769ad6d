/** The block subsidy schedule (Bitcoin Core `GetBlockSubsidy`, src/validation.cpp). */

export const HALVING_INTERVAL_BLOCKS = 210_000;
export const SATOSHIS_PER_BTC = 100_000_000;
const INITIAL_SUBSIDY_SATS = 50 * SATOSHIS_PER_BTC;

// Subsidy after k halvings, k = 0…63. 5e9 exceeds 32 bits, so no `>>`: dividing by a power of two
// is exact in doubles and floor() then equals the integer shift.
const SUBSIDY_AFTER = Float64Array.from({ length: 64 }, (_, k) => Math.floor(INITIAL_SUBSIDY_SATS / 2 ** k));

/** Subsidy in satoshis of the block at `height`: 50 BTC >> ⌊height / 210000⌋, 0 after 64 halvings. */
export function blockSubsidySats(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL_BLOCKS);
  return halvings < 64 ? SUBSIDY_AFTER[halvings] : 0;
}

/** Subsidy in BTC of the block at `height`. */
export function blockSubsidyBTC(height: number): number {
  return blockSubsidySats(height) / SATOSHIS_PER_BTC;
}

/** Height of the first block after `height` whose subsidy is halved. */
export function nextHalvingHeight(height: number): number {
  return (Math.floor(height / HALVING_INTERVAL_BLOCKS) + 1) * HALVING_INTERVAL_BLOCKS;
}
