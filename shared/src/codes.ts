/**
 * Statistical division codes (统计用区划代码) and the census codes built on them.
 *
 *   county      6 digits  370481
 *   township    9 digits  370481003          (the NBS 12-digit form ends in 000)
 *   district   12 digits  370481003038       (普查区 = one village or community)
 *   small area 15 digits  370481003038001    (普查小区: 001–899 ordinary, 900–999 virtual)
 *   building   16 digits  3704810030380001   (district code + 4-digit sequence)
 *
 * Every rule about codes lives here, each with its message in Chinese and English, so that the
 * API, the database constraints and the editor all say the same thing.
 */
import type { Bilingual } from './errors.ts'

export const CODE_LENGTH = { county: 6, township: 9, district: 12, smallArea: 15, building: 16 } as const
export type CodeLevel = keyof typeof CODE_LENGTH

const LEVEL_NAME: Record<CodeLevel, Bilingual> = {
  county: { zh: '县级代码', en: 'county code' },
  township: { zh: '乡镇（街道）代码', en: 'township code' },
  district: { zh: '普查区代码', en: 'census district code' },
  smallArea: { zh: '普查小区代码', en: 'small area code' },
  building: { zh: '建筑物编码', en: 'building code' },
}

/** The level of a code, told by its length alone (no two levels share one); null when no level has it. */
export function levelOfCode(code: string): CodeLevel | null {
  return (Object.keys(CODE_LENGTH) as CodeLevel[]).find((level) => CODE_LENGTH[level] === code.length) ?? null
}

/** A finding about a code: null when it is fine. */
export type CodeProblem = Bilingual | null

export function checkCode(level: CodeLevel, code: string): CodeProblem {
  const length = CODE_LENGTH[level]
  const name = LEVEL_NAME[level]
  if (!/^\d+$/.test(code)) {
    return { zh: `${name.zh}只能由数字组成：“${code}”`, en: `The ${name.en} must contain digits only: "${code}"` }
  }
  if (code.length !== length) {
    return {
      zh: `${name.zh}应为 ${length} 位数字，“${code}”为 ${code.length} 位`,
      en: `The ${name.en} must have ${length} digits; "${code}" has ${code.length}`,
    }
  }
  if (level === 'smallArea' && smallAreaSequence(code) === 0) {
    return { zh: `${name.zh}末三位不能为 000：“${code}”`, en: `The last three digits of a ${name.en} cannot be 000: "${code}"` }
  }
  if (level === 'building' && Number(code.slice(12)) === 0) {
    return { zh: `${name.zh}末四位不能为 0000：“${code}”`, en: `The last four digits of a ${name.en} cannot be 0000: "${code}"` }
  }
  return null
}

/** The code one level up: the township of a district, the district of a small area or building. */
export function parentCode(level: Exclude<CodeLevel, 'county'>, code: string): string {
  switch (level) {
    case 'township':
      return code.slice(0, CODE_LENGTH.county)
    case 'district':
      return code.slice(0, CODE_LENGTH.township)
    case 'smallArea':
    case 'building':
      return code.slice(0, CODE_LENGTH.district)
    default: {
      const never: never = level
      throw new Error(`unknown level ${String(never)}`)
    }
  }
}

/** Checks that `child` (a code of `level`) belongs to `parent`. */
export function checkBelongsTo(level: Exclude<CodeLevel, 'county'>, child: string, parent: string): CodeProblem {
  if (parentCode(level, child) === parent) return null
  const name = LEVEL_NAME[level]
  return {
    zh: `${name.zh}“${child}”应以上级代码“${parent}”开头`,
    en: `The ${name.en} "${child}" must start with its parent's code "${parent}"`,
  }
}

/** Every code starts with its county: the key that scopes (and later shards) every query. */
export function countyOf(code: string): string {
  return code.slice(0, CODE_LENGTH.county)
}

/** NBS tables write townships with 12 digits ending in 000; the census uses the 9-digit form. */
export function townshipCodeFromNbs(nbs12: string): string {
  if (!/^\d{9}000$/.test(nbs12)) throw new Error(`not a 12-digit NBS township code: ${nbs12}`)
  return nbs12.slice(0, 9)
}

export const VIRTUAL_SMALL_AREA_FROM = 900

export function smallAreaSequence(code: string): number {
  return Number(code.slice(CODE_LENGTH.district))
}

export function isVirtualSmallArea(code: string): boolean {
  return smallAreaSequence(code) >= VIRTUAL_SMALL_AREA_FROM
}

/**
 * The next free small-area code of a district: the lowest unused sequence in 001–899
 * (ordinary) or 900–999 (virtual). Null when the range is full.
 */
export function nextSmallAreaCode(districtCode: string, taken: Iterable<string>, virtual = false): string | null {
  const used = new Set<number>()
  for (const code of taken) if (code.startsWith(districtCode)) used.add(smallAreaSequence(code))
  const [from, to] = virtual ? [VIRTUAL_SMALL_AREA_FROM, 999] : [1, VIRTUAL_SMALL_AREA_FROM - 1]
  for (let n = from; n <= to; n++) {
    if (!used.has(n)) return districtCode + String(n).padStart(3, '0')
  }
  return null
}

/** The next building code of a district: one more than the highest sequence in use. */
export function nextBuildingCode(districtCode: string, highestTaken: string | null): string | null {
  const next = highestTaken === null ? 1 : Number(highestTaken.slice(CODE_LENGTH.district)) + 1
  return next > 9999 ? null : districtCode + String(next).padStart(4, '0')
}
