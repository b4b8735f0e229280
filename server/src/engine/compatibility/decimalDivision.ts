/**
 * Exact divisibility of JSON numbers, so that `multipleOf: 0.01` → `0.05` is judged as the
 * decimal values say (binary floating point would not: 0.05 / 0.01 is 5.000000000000001).
 */
export function isMultipleOf(value: number, divisor: number): boolean {
  const a = toDecimal(value);
  const b = toDecimal(divisor);
  if (!a || !b || b.digits === 0n) return false;
  const exponent = Math.min(a.exponent, b.exponent);
  const left = a.digits * 10n ** BigInt(a.exponent - exponent);
  const right = b.digits * 10n ** BigInt(b.exponent - exponent);
  return left % right === 0n;
}

function toDecimal(value: number): { digits: bigint; exponent: number } | undefined {
  if (!Number.isFinite(value)) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(value));
  if (!match) return undefined;
  const fraction = match[3] ?? '';
  const digits = BigInt(`${match[1]}${match[2]}${fraction}`);
  return { digits, exponent: Number(match[4] ?? 0) - fraction.length };
}
