/**
 * A seeded pseudo-random source for the demo generator: the same seed gives the same city on every
 * machine and every run (Math.random cannot be seeded). mulberry32 is small, fast and plenty for
 * plausible-looking data; it is not for anything that needs to be unpredictable.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  between(min: number, max: number): number
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number
  /** Standard normal (mean 0, deviation 1). */
  normal(): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** A shuffled copy. */
  shuffled<T>(items: readonly T[]): T[]
  /**
   * An independent stream named by `label`. Each part of the city draws from its own fork, so that
   * drawing one more number for one district does not change every district after it.
   */
  fork(label: string | number): Random
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    normal: () => {
      // Box–Muller; 1 - next() keeps the logarithm away from 0.
      const u = 1 - next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
    },
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]!
    },
    shuffled: (items) => {
      const copy = [...items]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
      }
      return copy
    },
    fork: (label) => createRandom(hash(`${seed}/${String(label)}`)),
  }
  return random
}

/** FNV-1a, enough to turn a seed and a label into a new seed. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
