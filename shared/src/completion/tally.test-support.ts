/** A township's counts for tests: ten districts, an estimate of 100 buildings, nothing done yet. */
import type { TownshipTally } from './figures.ts'

export function tally(patch: Partial<TownshipTally> = {}): TownshipTally {
  return {
    code: '370481001',
    name: '北辛街道',
    expectedDistricts: 10,
    drawnDistricts: 0,
    submittedDistricts: 0,
    approvedDistricts: 0,
    returnedDistricts: 0,
    smallAreas: 0,
    buildingsMarked: 0,
    households: 0,
    expectedBuildings: 100,
    expectedBuildingsOn: '2026-10-01',
    ...patch,
  }
}
