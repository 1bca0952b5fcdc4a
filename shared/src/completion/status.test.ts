import { describe, expect, it } from 'vitest'
import { reportFindings, townshipCompletion } from './status.ts'
import { tally } from './tally.test-support.ts'

const clean = { errors: 0, warnings: 0 }
/** Ten of ten districts drawn and 100 of 100 buildings marked. */
const finished = tally({ drawnDistricts: 10, buildingsMarked: 100 })

describe('township completion', () => {
  it('is done with every district drawn, the estimate reached and no open error', () => {
    expect(townshipCompletion(finished, clean)).toEqual({ state: 'done', unmet: [] })
    expect(townshipCompletion({ ...finished, buildingsMarked: 130 }, clean).state).toBe('done')
  })

  it('is not done with an error open, whatever its percentages; warnings do not count', () => {
    expect(townshipCompletion(finished, { errors: 1, warnings: 0 })).toEqual({ state: 'has_errors', unmet: ['errors'] })
    expect(townshipCompletion(finished, { errors: 0, warnings: 7 }).state).toBe('done')
  })

  it('is in progress while a district is undrawn or marking is short of the estimate, and names what is missing', () => {
    expect(townshipCompletion({ ...finished, drawnDistricts: 9 }, clean)).toEqual({ state: 'in_progress', unmet: ['districts'] })
    expect(townshipCompletion({ ...finished, buildingsMarked: 99 }, { errors: 2, warnings: 0 })).toEqual({ state: 'in_progress', unmet: ['buildings', 'errors'] })
  })

  it('takes every district approved as marking finished, when the estimate was set too high', () => {
    expect(townshipCompletion({ ...finished, buildingsMarked: 80, approvedDistricts: 10 }, clean).state).toBe('done')
    expect(townshipCompletion({ ...finished, buildingsMarked: 80, approvedDistricts: 9 }, clean).state).toBe('in_progress')
  })

  it('needs approval when there is no estimate, and is never done without an official list', () => {
    expect(townshipCompletion({ ...finished, expectedBuildings: null }, clean)).toEqual({ state: 'in_progress', unmet: ['buildings'] })
    expect(townshipCompletion({ ...finished, expectedBuildings: null, approvedDistricts: 10 }, clean).state).toBe('done')
    expect(townshipCompletion({ ...finished, expectedDistricts: 0, drawnDistricts: 0 }, clean).unmet).toContain('districts')
  })

  it('is unchecked, not done, when the findings are unknown (a past moment)', () => {
    expect(townshipCompletion(finished, null)).toEqual({ state: 'unchecked', unmet: [] })
    expect(townshipCompletion({ ...finished, drawnDistricts: 3 }, null).state).toBe('in_progress')
  })
})

describe('report findings', () => {
  const now = new Date('2026-11-29T09:00:00Z')
  it('are live for now, for a moment within the last minute (clock skew), and for the future', () => {
    expect(reportFindings(now, now, '/api/topology/summary')).toEqual({ live: true, summary: '/api/topology/summary' })
    expect(reportFindings(new Date(now.getTime() - 30_000), now, 's').live).toBe(true)
    expect(reportFindings(new Date('2100-01-01T00:00:00Z'), now, 's').live).toBe(true)
  })

  it('are not reproducible for a past moment, and say why in both languages', () => {
    const past = reportFindings(new Date('2026-11-28T09:00:00Z'), now, 's')
    expect(past.live).toBe(false)
    expect(past.live === false && past.reason.zh).toContain('历史时点无法重现')
  })
})
