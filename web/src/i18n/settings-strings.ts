/** The settings dialog's words in zh/en. */
import type { Bilingual } from '@census/shared'
import type { BasemapPreset } from '../settings/basemap-settings.ts'

export const settingsText = {
  open: { zh: '设置', en: 'Settings' },
  title: { zh: '设置', en: 'Settings' },
  basemap: { zh: '底图', en: 'Base map' },
  url: { zh: '瓦片地址模板', en: 'Tile URL template' },
  urlHint: { zh: '须含 {z}、{x}、{y}；多台服务器时用 {s}', en: 'Must contain {z}, {x} and {y}; {s} for several servers' },
  subdomains: { zh: '子域名', en: 'Subdomains' },
  subdomainsHint: { zh: '可选，逗号分隔，如 a, b, c', en: 'Optional, comma-separated, e.g. a, b, c' },
  attribution: { zh: '版权说明', en: 'Attribution' },
  maxZoom: { zh: '最大缩放级别', en: 'Maximum zoom' },
  key: { zh: '天地图密钥（tk）', en: 'Tianditu key (tk)' },
  keyHint: { zh: '在天地图官网申请的“浏览器端”密钥', en: 'A browser key from the Tianditu website' },
  labels: { zh: '叠加注记（地名、道路名）', en: 'Place and road names over it' },
  serverDefault: { zh: '未作选择时使用本系统配置的底图。', en: 'Without a choice, the base map this installation configures is used.' },
  offlineNote: { zh: '离线底图不请求任何外部服务，断网也能使用。', en: 'The offline map asks no outside service and works without the internet.' },
  reset: { zh: '恢复默认', en: 'Use the default' },
  apply: { zh: '应用', en: 'Apply' },
  cancel: { zh: '取消', en: 'Cancel' },
} as const satisfies Record<string, Bilingual>

export const presetName: Record<BasemapPreset, Bilingual> = {
  offline: { zh: '离线底图（默认）', en: 'Offline map (default)' },
  tiandituImagery: { zh: '天地图影像', en: 'Tianditu imagery' },
  tiandituVector: { zh: '天地图矢量', en: 'Tianditu vector' },
  osm: { zh: 'OSM 样式瓦片服务', en: 'OSM-style tile server' },
  custom: { zh: '自定义 XYZ 瓦片', en: 'Custom XYZ tiles' },
}
