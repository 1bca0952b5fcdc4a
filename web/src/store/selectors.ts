/** Questions asked of the viewer state. Indexes are built once per loaded collection. */
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { boundaryStatus, type BoundaryStatus } from '@census/shared'
import type { DistrictFeature, FeatureKind, FeatureOfKind, KindedFeature, TownshipFeature } from '../features.ts'
import type { ViewerState } from './viewer-store.ts'

type Coded = Feature<Geometry | null, { code: string }>

const indexes = new WeakMap<FeatureCollection<Geometry | null>, Map<string, Coded>>()

function indexOf(collection: FeatureCollection<Geometry | null, { code: string }>): Map<string, Coded> {
  let index = indexes.get(collection)
  if (!index) {
    index = new Map(collection.features.map((f) => [f.properties.code, f]))
    indexes.set(collection, index)
  }
  return index
}

/** The loaded features of a kind, or null before they arrive. */
export function collectionOf(state: ViewerState, kind: FeatureKind): FeatureCollection<Geometry | null, { code: string }> | null {
  switch (kind) {
    case 'township':
      return state.city?.townships ?? null
    case 'district':
      return state.city?.districts ?? null
    case 'smallArea':
      return state.smallAreas?.collection ?? null
    case 'building':
      return state.buildings?.collection ?? null
    default: {
      const never: never = kind
      throw new Error(`unknown kind ${String(never)}`)
    }
  }
}

/** The loaded feature a reference points at, or null when it is not (or no longer) loaded. */
export function featureOf<K extends FeatureKind>(state: ViewerState, ref: { kind: K; code: string }): FeatureOfKind[K] | null {
  const collection = collectionOf(state, ref.kind)
  return collection ? ((indexOf(collection).get(ref.code) as FeatureOfKind[K] | undefined) ?? null) : null
}

export function selectedFeature(state: ViewerState): KindedFeature | null {
  const ref = state.selection
  const feature = ref && featureOf(state, ref)
  return ref && feature ? ({ kind: ref.kind, feature } as KindedFeature) : null
}

/** Townships in code order, which is the order of the official list (街道 first, then 镇). */
export function townshipsInOrder(state: ViewerState): TownshipFeature[] {
  return [...(state.city?.townships.features ?? [])].sort((a, b) => a.properties.code.localeCompare(b.properties.code))
}

/** The districts of a township. */
export function districtsOfTownship(state: ViewerState, township: string): DistrictFeature[] {
  return (state.city?.districts.features ?? []).filter((d) => d.properties.townshipCode === township)
}

/** The districts of the picked township, or of the whole county when none is picked. */
export function districtsInScope(state: ViewerState): DistrictFeature[] {
  return state.township ? districtsOfTownship(state, state.township) : (state.city?.districts.features ?? [])
}

export function countByStatus(districts: readonly DistrictFeature[]): Record<BoundaryStatus, number> {
  const counts = Object.fromEntries(boundaryStatus.values.map((s) => [s, 0])) as Record<BoundaryStatus, number>
  for (const d of districts) counts[d.properties.status] += 1
  return counts
}
