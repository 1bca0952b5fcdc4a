/**
 * The census's closed lists (statuses, building uses, township kinds), each value with the words a
 * person reads. Values are stable English identifiers; the database stores them as text with CHECK
 * constraints generated from these lists (see migrations/).
 */
import type { Bilingual } from './errors.ts'

function labelled<const T extends string>(labels: Record<T, Bilingual>) {
  const values = Object.keys(labels) as [T, ...T[]]
  return { values, labels }
}

export const boundaryStatus = labelled({
  not_started: { zh: '未开始', en: 'Not started' },
  drawn: { zh: '已绘制', en: 'Drawn' },
  submitted: { zh: '已提交', en: 'Submitted' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
})
export type BoundaryStatus = (typeof boundaryStatus.values)[number]

export const buildingUse = labelled({
  residential: { zh: '住宅', en: 'Residential' },
  non_residential: { zh: '非住宅', en: 'Non-residential' },
  mixed: { zh: '住宅兼非住宅', en: 'Mixed use' },
  under_construction: { zh: '在建', en: 'Under construction' },
  other: { zh: '其他', en: 'Other' },
})
export type BuildingUse = (typeof buildingUse.values)[number]

export const townshipKind = labelled({
  town: { zh: '镇', en: 'Town' },
  subdistrict: { zh: '街道', en: 'Subdistrict' },
})
export type TownshipKind = (typeof townshipKind.values)[number]

/** Target households per small area (one enumerator's load) and the hard limit of forms. */
export const SMALL_AREA_TARGET_HOUSEHOLDS = 80
export const SMALL_AREA_MAX_HOUSEHOLDS = 999
