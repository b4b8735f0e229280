/**
 * Channel addresses as the workspace compares them: two documents declare the same channel when
 * their addresses are equal once parameter names are dropped, so `orders.{id}` in one service is
 * `orders.{orderId}` in another.
 */

/** `order.{orderId}.status-changed` → `order.{}.status-changed`. */
export function normaliseAddress(address: string): string {
  return address.trim().replace(/\{[^{}]*\}/g, '{}');
}

/** A `{name}` in an address, with its offsets in the address text (braces included). */
export interface AddressParameter {
  name: string;
  start: number;
  end: number;
}

export function addressParameters(address: string): AddressParameter[] {
  const result: AddressParameter[] = [];
  const pattern = /\{([^{}]*)\}/g;
  for (let match = pattern.exec(address); match; match = pattern.exec(address)) {
    result.push({ name: match[1]!, start: match.index, end: match.index + match[0].length });
  }
  return result;
}
