import { describe, expect, it } from 'vitest'
import { checkBelongsTo, checkCode, countyOf, isVirtualSmallArea, levelOfCode, nextBuildingCode, nextSmallAreaCode, parentCode, townshipCodeFromNbs } from './codes.ts'

describe('checkCode', () => {
  it.each([
    ['county', '370481'],
    ['township', '370481003'],
    ['district', '370481003038'],
    ['smallArea', '370481003038001'],
    ['smallArea', '370481003038900'],
    ['building', '3704810030380001'],
  ] as const)('accepts a %s code %s', (level, code) => {
    expect(checkCode(level, code)).toBeNull()
  })

  it('names the level and the expected length in both languages', () => {
    const problem = checkCode('district', '37048100303')
    expect(problem?.zh).toContain('普查区代码应为 12 位数字')
    expect(problem?.en).toContain('district code must have 12 digits')
  })

  it('refuses letters, and the 000 / 0000 sequences', () => {
    expect(checkCode('township', '37048100a')?.en).toContain('digits only')
    expect(checkCode('smallArea', '370481003038000')?.zh).toContain('000')
    expect(checkCode('building', '3704810030380000')?.en).toContain('0000')
  })
})

describe('levelOfCode', () => {
  it('tells a code’s level by its length', () => {
    expect(['370481', '370481003', '370481003038', '370481003038001', '3704810030380001'].map(levelOfCode)).toEqual(['county', 'township', 'district', 'smallArea', 'building'])
    expect(levelOfCode('3704810')).toBeNull()
  })
})

describe('hierarchy', () => {
  it('finds parents and counties', () => {
    expect(parentCode('district', '370481003038')).toBe('370481003')
    expect(parentCode('smallArea', '370481003038001')).toBe('370481003038')
    expect(parentCode('building', '3704810030380012')).toBe('370481003038')
    expect(parentCode('township', '370481003')).toBe('370481')
    expect(countyOf('370481003038001')).toBe('370481')
  })

  it('checks that a child code starts with its parent', () => {
    expect(checkBelongsTo('smallArea', '370481003038001', '370481003038')).toBeNull()
    const problem = checkBelongsTo('smallArea', '370481003039001', '370481003038')
    expect(problem?.zh).toContain('应以上级代码“370481003038”开头')
  })

  it('converts NBS 12-digit township codes', () => {
    expect(townshipCodeFromNbs('370481003000')).toBe('370481003')
    expect(() => townshipCodeFromNbs('370481003038')).toThrow()
  })
})

describe('nextSmallAreaCode', () => {
  const d = '370481003038'
  it('starts at 001 and fills the lowest gap', () => {
    expect(nextSmallAreaCode(d, [])).toBe(`${d}001`)
    expect(nextSmallAreaCode(d, [`${d}001`, `${d}002`, `${d}004`])).toBe(`${d}003`)
  })
  it('numbers virtual small areas from 900, separately', () => {
    expect(nextSmallAreaCode(d, [`${d}001`], true)).toBe(`${d}900`)
    expect(isVirtualSmallArea(`${d}900`)).toBe(true)
    expect(isVirtualSmallArea(`${d}899`)).toBe(false)
  })
  it('ignores codes of other districts and reports a full range', () => {
    expect(nextSmallAreaCode(d, ['370481003039001'])).toBe(`${d}001`)
    const all = Array.from({ length: 100 }, (_, i) => `${d}${900 + i}`)
    expect(nextSmallAreaCode(d, all, true)).toBeNull()
  })
})

describe('nextBuildingCode', () => {
  it('continues after the highest code ever used', () => {
    expect(nextBuildingCode('370481003038', null)).toBe('3704810030380001')
    expect(nextBuildingCode('370481003038', '3704810030380041')).toBe('3704810030380042')
    expect(nextBuildingCode('370481003038', '3704810030389999')).toBeNull()
  })
})
