import { describe, expect, it } from 'vitest'
import { bulletinParagraph, bulletinTime } from './bulletin.ts'
import { completionReport, type TownshipTally } from './figures.ts'
import { tally } from './tally.test-support.ts'

const asOf = new Date('2026-07-27T17:00:00+08:00')

/** Tengzhou on 27 July as the office's own bulletin describes it: 711 of 1250 districts, bands 12 / 7 / 3. */
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)

function officeExample(): TownshipTally[] {
  const marked = [10, 10, 10, 10, 10, 25, 25, 25, 25, 25, 40, 40, 40, 40, 80, 80, 80, 5, 5, 5, 5]
  const drawn = [...Array(20).fill(34), 31]
  return marked.map((m, i) =>
    tally({ code: `3704810${String(i + 1).padStart(2, '0')}`, expectedDistricts: i < 20 ? 60 : 50, drawnDistricts: drawn[i], smallAreas: i === 0 ? 1460 : 0, buildingsMarked: i === 0 ? 9680 - sum(marked) + m : m }),
  )
}

describe('bulletin paragraph', () => {
  it('writes the office’s sentence from the figures', () => {
    const tallies = officeExample()
    // The first township's marked count carries the city total; keep it in the lowest band.
    tallies[0] = { ...tallies[0]!, expectedBuildings: 100_000 }
    const text = bulletinParagraph(completionReport(asOf, tallies))
    expect(text.zh).toBe('截止7月27日17时，全市已完成普查区划分711个，完成率57%，划分普查小区1460个，建筑物9680个。有12个镇街建筑物已标绘超过20%，其中7个镇街超过30%，3个超过70%。')
    expect(text.en).toBe(
      'As of 17:00 on 27 July, the city has delimited 711 census districts (57% complete), drawn 1,460 small areas and marked 9,680 buildings. 12 townships have marked more than 20% of their buildings; 7 of them more than 30%, and 3 more than 70%.',
    )
  })

  it('says plainly that nothing is marked yet, before anything was drawn', () => {
    const text = bulletinParagraph(completionReport(asOf, [tally(), tally({ code: '370481002' })]))
    expect(text.zh).toBe('截止7月27日17时，全市已完成普查区划分0个，完成率0%，划分普查小区0个，建筑物0个。尚无镇街建筑物标绘超过20%。')
    expect(text.en).toContain('No township has marked more than 20% of its buildings yet.')
  })

  it('leaves out the rate when there is no official list, and stops at the first empty band', () => {
    const text = bulletinParagraph(completionReport(asOf, [tally({ expectedDistricts: 0, buildingsMarked: 25 })]))
    expect(text.zh).toBe('截止7月27日17时，全市已完成普查区划分0个，划分普查小区0个，建筑物25个。有1个镇街建筑物已标绘超过20%。')
    expect(text.en).toContain('1 township has marked more than 20% of their buildings.')
  })

  it('uses the thresholds it is given', () => {
    const text = bulletinParagraph(completionReport(asOf, [tally({ buildingsMarked: 60 })]), [50])
    expect(text.zh).toContain('有1个镇街建筑物已标绘超过50%。')
  })
})

describe('bulletin time', () => {
  it('is China time whatever the instant’s zone, with minutes only when not on the hour', () => {
    expect(bulletinTime(new Date('2026-07-27T09:00:00Z'))).toEqual({ zh: '7月27日17时', en: '17:00 on 27 July' })
    expect(bulletinTime(new Date('2026-07-27T16:30:00Z'))).toEqual({ zh: '7月28日0时30分', en: '00:30 on 28 July' })
  })
})
