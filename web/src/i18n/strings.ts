/**
 * The page's own words in Chinese and English. Names of statuses, building uses and township kinds
 * come from the shared vocabulary, not from here, so that server messages and the page agree.
 */
import type { Bilingual } from '@census/shared'
import type { FeatureKind } from '../features.ts'

export const ui = {
  appTitle: { zh: '普查区划绘图', en: 'Census area mapping' },
  language: { zh: 'English', en: '中文' },
  languageHint: { zh: 'Switch to English', en: '切换到中文' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  wholeCounty: { zh: '全部乡镇', en: 'All townships' },
  loading: { zh: '正在加载数据…', en: 'Loading data…' },
  loadFailed: { zh: '数据加载失败', en: 'Could not load the data' },
  legend: { zh: '图例', en: 'Legend' },
  legendStatus: { zh: '普查区 / 普查小区状态', en: 'District / small area status' },
  legendFold: { zh: '收起图例', en: 'Fold the legend' },
  legendUnfold: { zh: '展开图例', en: 'Show the legend' },
  legendTownship: { zh: '乡镇（街道）界线', en: 'Township boundary' },
  legendBuilding: { zh: '建筑物（放大后显示）', en: 'Building (shown when zoomed in)' },
  legendFootprint: { zh: '建筑物轮廓（再放大后显示）', en: 'Building footprint (shown when zoomed in further)' },
  overlaysTitle: { zh: '显示', en: 'Show' },
  overlayFills: { zh: '状态填色', en: 'Status colours' },
  overlayBuildings: { zh: '建筑物', en: 'Buildings' },
  overlayLabels: { zh: '名称和编码', en: 'Names and codes' },
  close: { zh: '关闭', en: 'Close' },
  overview: { zh: '普查区概况', en: 'Census districts' },
  districtCount: { zh: '普查区数', en: 'Districts' },
  undrawn: { zh: '未绘制边界的普查区', en: 'Districts without a boundary' },
  undrawnHint: { zh: '这些普查区尚未绘制边界，不在地图上显示。', en: 'These districts have no boundary yet, so they are not on the map.' },
  noneUndrawn: { zh: '全部普查区均已绘制边界。', en: 'Every district has a boundary.' },
  notOnMap: { zh: '尚未绘制边界，地图上不显示', en: 'No boundary yet; not on the map' },
  smallAreasHere: { zh: '本区普查小区', en: 'Small areas here' },
  noSmallAreas: { zh: '尚未划分普查小区', en: 'No small areas yet' },
  virtualTag: { zh: '虚拟', en: 'virtual' },
  legendVirtual: { zh: '虚拟普查小区（900 起）', en: 'Virtual small area (from 900)' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  none: { zh: '无', en: 'None' },
  dismiss: { zh: '知道了', en: 'Dismiss' },
  unsaved: { zh: '未保存', en: 'Unsaved' },
  unsavedHint: { zh: '显示的是正在编辑、尚未保存的内容；标“未保存”的项与已保存的不同', en: 'Shown as being edited, not saved yet; the values marked Unsaved differ from the saved ones' },
  boundaryDrawn: { zh: '已绘制', en: 'Drawn' },
  boundaryNone: { zh: '未绘制', en: 'Not drawn' },
} as const satisfies Record<string, Bilingual>

export const kindName: Record<FeatureKind, Bilingual> = {
  township: { zh: '乡镇（街道）', en: 'Township' },
  district: { zh: '普查区', en: 'Census district' },
  smallArea: { zh: '普查小区', en: 'Small area' },
  building: { zh: '建筑物', en: 'Building' },
}

/** Labels of the fields shown in the side panel, keyed like the API's feature properties. */
export const fieldName = {
  kind: { zh: '类型', en: 'Kind' },
  expectedBuildings: { zh: '预计建筑物数', en: 'Expected buildings' },
  districts: { zh: '普查区数', en: 'Census districts' },
  districtsDrawn: { zh: '已绘制边界', en: 'With a boundary' },
  smallAreas: { zh: '普查小区数', en: 'Small areas' },
  townshipCode: { zh: '所属乡镇（街道）', en: 'Township' },
  districtCode: { zh: '所属普查区', en: 'Census district' },
  smallAreaCode: { zh: '所属普查小区', en: 'Small area' },
  urbanRuralCode: { zh: '城乡分类代码', en: 'Urban–rural code' },
  status: { zh: '状态', en: 'Status' },
  boundary: { zh: '边界', en: 'Boundary' },
  area: { zh: '面积', en: 'Area' },
  virtual: { zh: '虚拟普查小区', en: 'Virtual small area' },
  enumerator: { zh: '普查员', en: 'Enumerator' },
  households: { zh: '户数', en: 'Households' },
  buildings: { zh: '建筑物数', en: 'Buildings' },
  use: { zh: '用途', en: 'Use' },
  floors: { zh: '层数', en: 'Floors' },
  address: { zh: '地址', en: 'Address' },
  note: { zh: '备注', en: 'Note' },
  hasFootprint: { zh: '已绘制轮廓', en: 'Footprint drawn' },
  version: { zh: '版本', en: 'Version' },
  updatedAt: { zh: '更新时间', en: 'Updated' },
  updatedBy: { zh: '更新人', en: 'Updated by' },
} as const satisfies Record<string, Bilingual>
