/**
 * Pairs rows with columns at the least total cost (the Hungarian method), for matching the
 * branches of two versions of `anyOf`/`oneOf`/`allOf` and of Avro unions. `Infinity` forbids a
 * pair; forbidden pairs are left unpaired. Returns [row, column] pairs.
 */
export function leastCostPairs(cost: readonly (readonly number[])[], columns: number): Array<[number, number]> {
  const rows = cost.length;
  if (rows === 0 || columns === 0) return [];
  const size = Math.max(rows, columns);
  const FORBIDDEN = 1e12;
  const at = (row: number, column: number) => {
    if (row >= rows || column >= columns) return 0;
    const value = cost[row]![column]!;
    return Number.isFinite(value) ? value : FORBIDDEN;
  };
  // Potentials-based O(n³) assignment on the square matrix padded with zero-cost dummies.
  const u = new Array<number>(size + 1).fill(0);
  const v = new Array<number>(size + 1).fill(0);
  const owner = new Array<number>(size + 1).fill(0);
  const way = new Array<number>(size + 1).fill(0);
  for (let row = 1; row <= size; row++) {
    owner[0] = row;
    let column0 = 0;
    const minimum = new Array<number>(size + 1).fill(Infinity);
    const used = new Array<boolean>(size + 1).fill(false);
    do {
      used[column0] = true;
      const row0 = owner[column0]!;
      let delta = Infinity;
      let column1 = 0;
      for (let column = 1; column <= size; column++) {
        if (used[column]) continue;
        const current = at(row0 - 1, column - 1) - u[row0]! - v[column]!;
        if (current < minimum[column]!) {
          minimum[column] = current;
          way[column] = column0;
        }
        if (minimum[column]! < delta) {
          delta = minimum[column]!;
          column1 = column;
        }
      }
      for (let column = 0; column <= size; column++) {
        if (used[column]) {
          u[owner[column]!] = u[owner[column]!]! + delta;
          v[column] = v[column]! - delta;
        } else {
          minimum[column] = minimum[column]! - delta;
        }
      }
      column0 = column1;
    } while (owner[column0] !== 0);
    do {
      const column1 = way[column0]!;
      owner[column0] = owner[column1]!;
      column0 = column1;
    } while (column0 !== 0);
  }
  const pairs: Array<[number, number]> = [];
  for (let column = 1; column <= size; column++) {
    const row = owner[column]! - 1;
    if (row < rows && column - 1 < columns && Number.isFinite(cost[row]![column - 1]!)) pairs.push([row, column - 1]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
