import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeProblems, TENGZHOU_FIXTURES as fixtures } from './city-checks.test-support.ts'
import { PILOT_DISTRICT_CODE } from './campaign.ts'
import { loadTengzhouSource } from './tengzhou.ts'

const source = loadTengzhouSource(fixtures)

describe('loadTengzhouSource', () => {
  it('reads the 21 townships and 1,250 districts with valid codes under 370481', () => {
    expect(source.countyCode).toBe('370481')
    expect(source.townships).toHaveLength(21)
    expect(source.townships.filter((t) => t.kind === 'subdistrict').map((t) => t.name)).toEqual(['荆河街道', '龙泉街道', '北辛街道', '善南街道', '东沙河街道'])
    expect(source.districts).toHaveLength(1250)
    for (const t of source.townships) expect(codeProblems('township', t.code, source.countyCode)).toBeNull()
    for (const d of source.districts) expect(codeProblems('district', d.code, d.townshipCode)).toBeNull()
    expect(source.districts.find((d) => d.code === PILOT_DISTRICT_CODE)?.name).toBe('汤庄居委会')
    expect(source.outline.coordinates[0]![0]!.length).toBeGreaterThan(100)
  })

  it('refuses a quoted field rather than split it wrongly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tengzhou-'))
    try {
      cpSync(fixtures, dir, { recursive: true })
      writeFileSync(join(dir, 'townships.csv'), 'code,name,urban_rural_code\n370481001000,"荆河,街道",\n')
      expect(() => loadTengzhouSource(dir)).toThrow(/quoted/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
