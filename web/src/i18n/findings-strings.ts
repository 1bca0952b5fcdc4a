/** The findings panel's own words in zh/en (the findings' messages and kinds come from shared). */
import type { Bilingual } from '@census/shared'

export const findingsText = {
  tab: { zh: '问题', en: 'Problems' },
  detailsTab: { zh: '概况', en: 'Overview' },
  title: { zh: '拓扑检查', en: 'Topology check' },
  noScope: {
    zh: '在地图上点选一个普查区，或在顶部选择乡镇（街道），即可检查漏划、重叠等问题。',
    en: 'Click a census district on the map, or pick a township at the top, to check for gaps, overlaps and other problems.',
  },
  checking: { zh: '正在检查…', en: 'Checking…' },
  recheck: { zh: '重新检查', en: 'Check again' },
  none: { zh: '未发现问题', en: 'No problems found' },
  noneHint: { zh: '边界无漏划、无重叠，建筑物都在普查小区内。', en: 'No gaps, no overlaps, and every building lies in a small area.' },
  locate: { zh: '定位', en: 'Show' },
  locateHint: { zh: '缩放到该问题并在地图上标出', en: 'Zoom to this problem and mark it on the map' },
  fillGap: { zh: '填补空隙', en: 'Fill gap' },
  fillGapHint: { zh: '把这块空隙并入与它共边最长的普查小区', en: 'Give this gap to the small area that shares the longest border with it' },
  snap: { zh: '吸附', en: 'Snap' },
  snapHint: { zh: '把相近的顶点吸附到相邻小区的边界上', en: 'Move the nearly matching vertices onto the neighbour’s edge' },
  repairing: { zh: '正在修复…', en: 'Repairing…' },
  marked: { zh: '地图上已用红色斜线标出：', en: 'Marked in red on the map: ' },
  unmark: { zh: '取消标出', en: 'Clear mark' },
  severityCount: { zh: '{name}（{n}）', en: '{name} ({n})' },
  area: { zh: '{n} 平方米', en: '{n} m²' },
  distance: { zh: '相距 {n} 米', en: '{n} m apart' },
} as const satisfies Record<string, Bilingual>
