/** The editor's own words in zh/en (building uses and statuses come from the shared vocabulary). */
import type { Bilingual } from '@census/shared'
import type { LoadLevel } from '../editor/small-area-load.ts'

export const editorText = {
  author: { zh: '署名', en: 'Signed' },
  authorPlaceholder: { zh: '您的姓名', en: 'Your name' },
  authorHint: { zh: '保存的每处修改都记在此名下', en: 'Every saved change is recorded under this name' },
  needAuthor: { zh: '请先在页面顶部署名，才能保存', en: 'Sign your name at the top of the page before saving' },
  pickDistrict: { zh: '请先在地图上点选一个普查区，再绘图或标绘建筑物', en: 'Click a census district on the map to draw or tag buildings in it' },
  district: { zh: '普查区', en: 'District' },
  zoomTo: { zh: '定位', en: 'Zoom to' },
  zoomToHint: { zh: '缩放到本普查区', en: 'Zoom the map to this district' },
  drawSmallArea: { zh: '画普查小区', en: 'Draw small area' },
  editBoundary: { zh: '修改边界', en: 'Edit boundary' },
  deleteSmallArea: { zh: '删除小区', en: 'Delete small area' },
  confirmDelete: { zh: '确定删除普查小区 {code} 吗？保存后生效，可撤销。', en: 'Delete small area {code}? It takes effect when saved, and can be undone.' },
  tagBuildings: { zh: '标绘建筑物', en: 'Tag buildings' },
  split: { zh: '分割', en: 'Split' },
  splitTitle: {
    zh: '画一条线穿过所选普查小区（或尚未划分的普查区），把它分成两个普查小区',
    en: 'Draw a line across the selected small area (or a district not yet divided) to cut it into two small areas',
  },
  splitHint: {
    zh: '从边界外开始点击，穿过区域后在边界外结束；双击最后一点或按 Enter 完成，Esc 取消',
    en: 'Click from outside the boundary, across the area, to outside again; double-click the last point or press Enter to finish, Esc to cancel',
  },
  merge: { zh: '合并', en: 'Merge' },
  mergeTitle: { zh: '把所选普查小区与一个相邻小区合并', en: 'Merge the selected small area with a neighbour' },
  mergeHint: { zh: '点击要与所选普查小区合并的相邻小区；Esc 取消', en: 'Click the neighbour to merge the selected small area with; Esc to cancel' },
  confirmMerge: {
    zh: '确定把普查小区 {a} 和 {b} 合并吗？合并后保留较小的编码，另一个被删除（可在历史记录中查到）。合并立即保存，不能撤销。',
    en: 'Merge small areas {a} and {b}? The lower code stays, the other is deleted (it stays in the history). The merge is saved at once and cannot be undone.',
  },
  restructureNeedsSaved: {
    zh: '分割与合并立即保存且不能撤销：请先保存或撤销未保存的修改，并署名',
    en: 'Split and merge are saved at once and cannot be undone: save or undo pending changes and sign your name first',
  },
  splitDone: {
    zh: '已分割，现为普查小区 {codes}。分割已直接保存，不能撤销；如需复原，请把它们合并。',
    en: 'Split into small areas {codes}. The split is saved and cannot be undone; to reverse it, merge them.',
  },
  mergeDone: {
    zh: '已合并为普查小区 {codes}。合并已直接保存，不能撤销；如需复原，请再分割，或在历史记录中恢复被删除的小区。',
    en: 'Merged into small area {codes}. The merge is saved and cannot be undone; to reverse it, split it again or restore the deleted one from the history.',
  },
  done: { zh: '完成', en: 'Done' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  undoHint: { zh: '撤销（Ctrl+Z）', en: 'Undo (Ctrl+Z)' },
  redoHint: { zh: '重做（Ctrl+Shift+Z）', en: 'Redo (Ctrl+Shift+Z)' },
  save: { zh: '保存', en: 'Save' },
  saved: { zh: '已保存', en: 'Saved' },
  unsaved: { zh: '{n} 处修改未保存', en: '{n} unsaved change(s)' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  drawHint: {
    zh: '依次点击放置顶点，靠近边界或相邻小区时自动吸附；点击第一个顶点完成，Esc 取消',
    en: 'Click to place vertices; they snap to the boundary and neighbours. Click the first vertex to finish, Esc to cancel',
  },
  editHint: {
    zh: '拖动顶点修改边界（自动吸附），拖动边中点添加顶点，右键删除顶点',
    en: 'Drag vertices (they snap), drag a midpoint to add one, right-click a vertex to delete it',
  },
  tagHint: {
    zh: '在地图上点击放置建筑物；点击已有建筑物可拖动，按 Delete 删除',
    en: 'Click the map to place a building; click one to drag it, press Delete to remove it',
  },
  nextCode: { zh: '新小区编号', en: 'New small area code' },
  counter: { zh: '建筑物 {b} 栋 · 住户 {h} / {t} 户', en: '{b} buildings · {h} / {t} households' },
  refused: { zh: '未能保存', en: 'Not saved' },
  staleTitle: { zh: '别人已修改了这个对象', en: 'Someone else changed this' },
  staleIntro: {
    zh: '您保存时，{who} 已在 {when} 保存了新的版本。请选择保留哪一个；未选的版本仍可撤销找回。',
    en: 'While you worked, {who} saved a newer version at {when}. Choose which to keep; the other stays one undo away.',
  },
  mine: { zh: '我的版本', en: 'My version' },
  theirs: { zh: '对方的版本', en: 'Their version' },
  keepMine: { zh: '保留我的并保存', en: 'Keep mine and save' },
  takeTheirs: { zh: '采用对方的', en: 'Take theirs' },
  version: { zh: '版本', en: 'Version' },
  updatedBy: { zh: '修改人', en: 'Changed by' },
  location: { zh: '位置', en: 'Location' },
  vertices: { zh: '顶点数', en: 'Vertices' },
  area: { zh: '面积', en: 'Area' },
  deleted: { zh: '（已删除）', en: '(deleted)' },
  buildingForm: { zh: '新建筑物', en: 'New building' },
  use: { zh: '用途', en: 'Use' },
  floors: { zh: '层数', en: 'Floors' },
  households: { zh: '户数', en: 'Households' },
  address: { zh: '地址', en: 'Address' },
  note: { zh: '备注', en: 'Note' },
  saveBuilding: { zh: '保存建筑物', en: 'Save building' },
  cancel: { zh: '取消', en: 'Cancel' },
  keptValues: { zh: '已沿用上一栋的填写', en: 'Filled in from the last building' },
  buildingList: { zh: '本区建筑物', en: 'Buildings here' },
  search: { zh: '按编码或地址查找', en: 'Search by code or address' },
  noBuildings: { zh: '没有符合的建筑物', en: 'No matching buildings' },
  deleteBuilding: { zh: '删除', en: 'Delete' },
  avoidOverlaps: { zh: '自动裁去重叠', en: 'Clip overlaps' },
  avoidOverlapsHint: {
    zh: '勾选时，保存的边界会裁去与相邻小区重叠或超出普查区的部分；不勾选时，这样的边界拒绝保存，并在地图上标出重叠部分',
    en: 'When on, a saved boundary loses what overlaps its neighbours or leaves its district; when off, such a boundary is refused and the overlap is marked on the map',
  },
  clippedSibling: { zh: '已裁去与“{code}”重叠的 {area} 平方米', en: 'Clipped {area} m² that overlapped "{code}"' },
  clippedOutside: { zh: '已裁去超出普查区“{code}”的 {area} 平方米', en: 'Clipped {area} m² outside the district "{code}"' },
  overlapsMarked: { zh: '重叠部分已在地图上用红色斜线标出', en: 'The overlaps are hatched in red on the map' },
} as const satisfies Record<string, Bilingual>

export const loadLevelText: Record<LoadLevel, Bilingual> = {
  light: { zh: '偏少', en: 'light' },
  balanced: { zh: '适中', en: 'balanced' },
  heavy: { zh: '偏多', en: 'heavy' },
  overLimit: { zh: '超出上限', en: 'over the limit' },
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`))
}
