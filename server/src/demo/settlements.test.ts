import { describe, expect, it } from 'vitest'
import { createRandom } from './random.ts'
import { planDistrict, TENGZHOU_DENSITY, type DistrictPlan } from './settlements.ts'

const DISTRICTS = [
  { name: '荆河社区居委会', urbanRuralCode: '111' },
  { name: '汤庄居委会', urbanRuralCode: '112' },
  { name: '西岗社区居委会', urbanRuralCode: '121' },
  { name: '东村村委会', urbanRuralCode: '122' },
  { name: '王庄村委会', urbanRuralCode: '220' },
]
const others = (plan: DistrictPlan) => plan.buildings.filter((b) => b.kind === 'other').length

describe('planDistrict', () => {
  it('multiplies households by the density, and the other buildings a household brings', () => {
    for (const district of DISTRICTS)
      for (let seed = 0; seed < 20; seed++) {
        const plan = (density: typeof TENGZHOU_DENSITY) => planDistrict(district, density, createRandom(seed))
        const tengzhou = plan(TENGZHOU_DENSITY)
        const denser = plan({ households: 1.5, otherBuildings: 1 })
        // The same draws, so the same district only bigger: up to rounding.
        expect(Math.abs(denser.households - 1.5 * tengzhou.households)).toBeLessThanOrEqual(1.25)
        expect(denser.buildings.reduce((s, b) => s + b.households, 0)).toBe(denser.households)
        const none = others(plan({ households: 1, otherBuildings: 0 }))
        expect(none).toBeGreaterThanOrEqual(2)
        expect(none).toBeLessThanOrEqual(6)
        expect(Math.abs(others(plan({ households: 1, otherBuildings: 2 })) - none - 2 * (others(tengzhou) - none))).toBeLessThanOrEqual(1)
      }
  })
})
