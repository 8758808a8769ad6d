/**
 * Bitcoin's compact target encoding ("nBits"): a 3-byte mantissa and a 1-byte size, exactly as
 * Bitcoin Core's arith_uint256 SetCompact / GetCompact do it (src/arith_uint256.cpp), on 256-bit
 * unsigned integers (BigInt masked to 256 bits, as the C++ type wraps).
 */

export const UINT256_MASK = (1n << 256n) - 1n;

export interface DecodedCompact {
  target: bigint;
  negative: boolean;
  overflow: boolean;
}

/** SetCompact: the 256-bit target a compact `bits` value encodes, with Core's sign and overflow flags. */
export function targetFromCompact(bits: number): DecodedCompact {
  const size = bits >>> 24;
  let word = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    const shift = 8 * (size - 3);
    // arith_uint256's <<= drops every bit shifted past 256 (a shift of 256 or more gives zero).
    target = shift >= 256 ? 0n : (BigInt(word) << BigInt(shift)) & UINT256_MASK;
  }
  const negative = word !== 0 && (bits & 0x00800000) !== 0;
  const overflow = word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  return { target, negative, overflow };
}

/** Number of significant bits of a non-negative integer (arith_uint256::bits). */
function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** GetCompact: the compact encoding of a 256-bit target (lossy: keeps the top 3 bytes). */
export function compactFromTarget(target: bigint, negative = false): number {
  if (target < 0n || target > UINT256_MASK) throw new RangeError(`target must be a 256-bit unsigned integer, got ${target}`);
  let size = Math.floor((bitLength(target) + 7) / 8);
  let compact: number;
  if (size <= 3) {
    compact = Number(target << BigInt(8 * (3 - size)));
  } else {
    compact = Number(target >> BigInt(8 * (size - 3)));
  }
  // The 0x00800000 bit is the sign: if the mantissa would set it, shift a byte into the exponent.
  if (compact & 0x00800000) {
    compact >>>= 8;
    size++;
  }
  compact |= size << 24;
  if (negative && (compact & 0x007fffff) !== 0) compact |= 0x00800000;
  return compact >>> 0;
}
