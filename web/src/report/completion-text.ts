/** Why a township is or is not done, in the office's words: the status cell's tooltip. */
import type { Bilingual } from '@census/shared'
import type { TownshipRow } from './columns.ts'

export function completionTip(row: TownshipRow, live: boolean): Bilingual {
  const { completion: c } = row
  if (c.state === 'done') return { zh: '普查区已全部划分，建筑物标绘已达标，无拓扑错误', en: 'Every district drawn, buildings marked, no topology error' }
  if (c.state === 'unchecked') {
    return live
      ? { zh: '指标已达到，正在检查拓扑错误…', en: 'Figures complete; checking for topology errors…' }
      : { zh: '指标已达到；历史时点的拓扑错误无法核查，不能判定完成', en: 'Figures complete; topology errors cannot be checked for a past moment, so it cannot count as done' }
  }
  const reasons = c.unmet.map((gap): Bilingual => {
    switch (gap) {
      case 'districts': {
        const left = row.expectedDistricts - row.drawnDistricts
        return row.expectedDistricts === 0
          ? { zh: '尚无普查区名单', en: 'no district list yet' }
          : { zh: `还有${left}个普查区未划分`, en: `${left} district${left === 1 ? '' : 's'} not drawn` }
      }
      case 'buildings':
        return row.expectedBuildings === null || row.expectedBuildings === 0
          ? { zh: '未填报预计建筑物数，且普查区未全部审核', en: 'no building estimate, and not every district approved' }
          : {
              zh: `建筑物已标绘${row.buildingsMarked}个，未达预计${row.expectedBuildings}个，且普查区未全部审核`,
              en: `${row.buildingsMarked} of ${row.expectedBuildings} expected buildings marked, and not every district approved`,
            }
      case 'errors': {
        const n = row.findings?.errors ?? 0
        return { zh: `有${n}个拓扑错误未处理`, en: `${n} open topology error${n === 1 ? '' : 's'}` }
      }
      default:
        return gap satisfies never
    }
  })
  return { zh: `未完成：${reasons.map((r) => r.zh).join('；')}`, en: `Not done: ${reasons.map((r) => r.en).join('; ')}` }
}
