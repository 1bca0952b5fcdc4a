/**
 * The typed client of the census API (same origin, `/api`). Every failure becomes an ApiError
 * carrying the server's bilingual message, so the page can show it as it is.
 */
import {
  errorBodySchema,
  type AppConfig,
  type Bilingual,
  type OpenFindings,
  type CompletionSeries,
  type CountySettings,
  type ErrorBody,
  type ListQuery,
  type MergeRequest,
  type RepairResult,
  type ReportResponse,
  type SnapRequest,
  type SplitRequest,
  type TileLayer,
  type TopologyFinding,
} from '@census/shared'
import type { CollectionOfKind, FeatureKind, FeatureOfKind, SmallAreaFeature, TownshipFeature } from '../features.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly bilingual: Bilingual,
    readonly body: ErrorBody | null,
  ) {
    super(`${bilingual.zh} / ${bilingual.en}`)
  }
}


const collectionPath: Record<FeatureKind, string> = {
  township: 'townships',
  district: 'districts',
  smallArea: 'small-areas',
  building: 'buildings',
}

async function apiErrorOf(response: Response): Promise<ApiError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => null))
  if (parsed.success) return new ApiError(response.status, parsed.data.error.message, parsed.data)
  return new ApiError(
    response.status,
    { zh: `服务器返回错误（HTTP ${response.status}）`, en: `The server answered with an error (HTTP ${response.status})` },
    null,
  )
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError(0, { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the connection' }, null)
  }
  if (!response.ok) throw await apiErrorOf(response)
  return (await response.json()) as T
}

function queryString(query: ListQuery): string {
  const params = new URLSearchParams()
  if (query.township) params.set('township', query.township)
  if (query.district) params.set('district', query.district)
  if (query.bbox) params.set('bbox', query.bbox.map((n) => n.toFixed(6)).join(','))
  const s = params.toString()
  return s ? `?${s}` : ''
}

let featureReads = 0

/**
 * How many reads of features are under way. The map is not settled while one is: its data is still
 * on the way (CensusMapOptions.dataPending).
 */
export function featureReadsInFlight(): number {
  return featureReads
}

/** The features of one kind, optionally narrowed to a township, a district or a box. */
export function listFeatures<K extends FeatureKind>(kind: K, query: ListQuery = {}, signal?: AbortSignal): Promise<CollectionOfKind<K>> {
  featureReads += 1
  // Settled before the caller's own handler runs, in the same turn: nothing is drawn in between.
  return getJson<CollectionOfKind<K>>(`/api/${collectionPath[kind]}${queryString(query)}`, signal).finally(() => {
    featureReads -= 1
  })
}

/** The installation's settings: the optional base map and the county the data covers. */
export function getConfig(): Promise<AppConfig> {
  return getJson<AppConfig>('/api/config')
}

/** The completion figures of every township and the city as of a moment (default: now), and whether findings exist for it. */
export function getReport(asOf: Date | null, signal?: AbortSignal): Promise<ReportResponse> {
  return getJson(`/api/report${asOf ? `?asOf=${encodeURIComponent(asOf.toISOString())}` : ''}`, signal)
}

/** Each township's daily progress up to a moment (default: now), for the charts and the forecast. */
export function getReportSeries(until: Date | null, signal?: AbortSignal): Promise<CompletionSeries> {
  return getJson(`/api/report/series${until ? `?until=${encodeURIComponent(until.toISOString())}` : ''}`, signal)
}

/** The header that names who makes a change; URL-encoded so that Chinese names travel safely. */
const AUTHOR_HEADER = 'X-Census-User'

/** Sends a write as `author`; the answer's JSON, or an ApiError (a 409 carries the current version). */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, author: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        [AUTHOR_HEADER]: encodeURIComponent(author),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch {
    throw new ApiError(0, { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the connection' }, null)
  }
  if (!response.ok) throw await apiErrorOf(response)
  return (await response.json()) as T
}

/** The path of one feature, for reads and writes. */
export function featurePath(kind: FeatureKind, code?: string): string {
  return `/api/${collectionPath[kind]}${code ? `/${code}` : ''}`
}

/** One feature of a kind by its code. */
export function getFeature<K extends FeatureKind>(kind: K, code: string): Promise<FeatureOfKind[K]> {
  return getJson(featurePath(kind, code))
}

/**
 * The URL template of a layer's vector tiles for the map (absolute, with `{z}/{x}/{y}` left for it
 * to fill). A new `version` makes the map fetch the tiles again rather than draw the ones it kept.
 */
export function tileUrlTemplate(layer: TileLayer, county: string, version: number): string {
  return `${globalThis.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt?county=${county}&v=${version}`
}

/** The topology findings of a township or district (12 digits also brings its township-level ones). */
export function getFindings(scope: string, signal?: AbortSignal): Promise<{ scope: string; findings: TopologyFinding[] }> {
  return getJson(`/api/topology?scope=${encodeURIComponent(scope)}`, signal)
}

/** Gives the gap of a district that contains `point` to its neighbour; answers with that small area. */
export function fillGap(district: string, point: [number, number], author: string): Promise<SmallAreaFeature> {
  return sendJson('POST', '/api/topology/repairs/fill-gap', author, { district, point })
}

/** Moves a small area's vertices onto its neighbours' where they nearly meet; answers with what it wrote. */
export function snapSmallArea(request: SnapRequest, author: string): Promise<RepairResult<SmallAreaFeature>> {
  return sendJson('POST', '/api/topology/repairs/snap', author, request)
}

/** Cuts a small area, or a district without small areas, in two along a line; answers with what it wrote. */
export function splitArea(request: SplitRequest, author: string): Promise<RepairResult<SmallAreaFeature>> {
  return sendJson('POST', '/api/topology/repairs/split', author, request)
}

/** Merges two neighbouring small areas into the lower-coded one; answers with it and the deleted code. */
export function mergeSmallAreas(request: MergeRequest, author: string): Promise<RepairResult<SmallAreaFeature>> {
  return sendJson('POST', '/api/topology/repairs/merge', author, request)
}

/** Open topology errors and warnings per township now, at the path the report names (checking a city takes seconds). */
export function getFindingsSummary(path: string, signal?: AbortSignal): Promise<{ townships: (OpenFindings & { township: string })[] }> {
  return getJson(path, signal)
}

/** One township as it stands now (its version is what an edit is based on). */
export function readTownship(code: string, signal?: AbortSignal): Promise<TownshipFeature> {
  return getJson(featurePath('township', code), signal)
}

/** Sets a township's expected buildings (a city-level action), based on `version`; a 409 carries the current township. */
export function updateTownshipEstimate(code: string, version: number, expectedBuildings: number | null, author: string): Promise<TownshipFeature> {
  return sendJson('PATCH', featurePath('township', code), author, { version, expectedBuildings })
}

/** Sets the county's deadline (a China day; a city-level action), based on `version`; a 409 carries the current settings. */
export function updateCountyDeadline(county: string, version: number, deadline: string | null, author: string): Promise<CountySettings> {
  return sendJson('PATCH', `/api/counties/${county}`, author, { version, deadline })
}
