/** Small numeric helpers the parts of the generator share. */

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v))
}

/**
 * Integer counts near `wanted`, each within [min, max], summing to `total` (when the bounds allow): a
 * common factor found by bisection, then the last few units handed out one at a time.
 */
export function fitCounts(wanted: number[], min: number[], max: number[], total: number): number[] {
  const at = (factor: number) => wanted.map((w, i) => clamp(Math.round(w * factor), min[i]!, max[i]!))
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)
  let [low, high] = [0, 20]
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2
    if (sum(at(mid)) < total) low = mid
    else high = mid
  }
  const counts = at(high)
  // Round the list until the total is met or a whole round moves nothing: the factor may have hit
  // its ceiling when `wanted` is small against `total`.
  let missing = total - sum(counts)
  for (let i = 0, idle = 0; missing !== 0 && idle < counts.length; i++) {
    const k = i % counts.length
    if (missing < 0 && counts[k]! > min[k]!) [counts[k], missing, idle] = [counts[k]! - 1, missing + 1, 0]
    else if (missing > 0 && counts[k]! < max[k]!) [counts[k], missing, idle] = [counts[k]! + 1, missing - 1, 0]
    else idle++
  }
  return counts
}
