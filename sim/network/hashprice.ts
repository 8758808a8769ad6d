/** Expected mining revenue: FPPS pays the expected value of the blocks a hashrate would find. */

/** 2³²: expected hashes per block at difficulty 1 (Bitcoin's difficulty definition). */
export const HASHES_PER_DIFFICULTY = 2 ** 32;

/**
 * BTC earned per hour by `hashrateTHs` at `difficulty` under FPPS: hashes per hour / (D·2³²) blocks,
 * each worth subsidy + fees, where fees are `feeShare` of the whole reward; less the pool fee.
 */
export function fppsBtcPerHour(hashrateTHs: number, difficulty: number, subsidyBTC: number, feeShare: number, poolFee: number): number {
  const blocksPerHour = (hashrateTHs * 1e12 * 3600) / (difficulty * HASHES_PER_DIFFICULTY);
  return blocksPerHour * (subsidyBTC / (1 - feeShare)) * (1 - poolFee);
}

/** Hashprice in USD per PH/s per day: what one PH/s earns in a day before pool fees. */
export function hashpriceUSDPerPHDay(difficulty: number, subsidyBTC: number, feeShare: number, priceUSD: number): number {
  return fppsBtcPerHour(1000, difficulty, subsidyBTC, feeShare, 0) * 24 * priceUSD;
}

/** Hashprice in BTC per PH/s per day. */
export function hashpriceBTCPerPHDay(difficulty: number, subsidyBTC: number, feeShare: number): number {
  return fppsBtcPerHour(1000, difficulty, subsidyBTC, feeShare, 0) * 24;
}
