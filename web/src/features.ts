/**
 * The web's words for the census features it shows: the four kinds the API serves, a reference to
 * one feature, and the GeoJSON the API returns for each kind. Everything in web/ speaks these.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson'
import type { BuildingProperties, CodeLevel, DistrictProperties, SmallAreaProperties, TownshipProperties } from '@census/shared'

/** The census levels that have features of their own (the county is only a code prefix). */
export type FeatureKind = Exclude<CodeLevel, 'county'>

export const featureKinds = ['township', 'district', 'smallArea', 'building'] as const satisfies readonly FeatureKind[]

/** One feature, by kind and code: what a click selects and what the side panel shows. */
export interface FeatureRef {
  kind: FeatureKind
  code: string
}

export type TownshipFeature = Feature<MultiPolygon, TownshipProperties>
/** Districts are on the official list before anyone draws them: undrawn ones have no geometry. */
export type DistrictFeature = Feature<MultiPolygon | null, DistrictProperties>
export type SmallAreaFeature = Feature<MultiPolygon, SmallAreaProperties>
export type BuildingFeature = Feature<Point, BuildingProperties>

export interface FeatureOfKind {
  township: TownshipFeature
  district: DistrictFeature
  smallArea: SmallAreaFeature
  building: BuildingFeature
}

/** A feature together with its kind, so that a switch on `kind` narrows `feature`. */
export type KindedFeature = { [K in FeatureKind]: { kind: K; feature: FeatureOfKind[K] } }[FeatureKind]

export type CollectionOfKind<K extends FeatureKind> = FeatureCollection<FeatureOfKind[K]['geometry'], FeatureOfKind[K]['properties']>

/** `[west, south, east, north]` in degrees, the order of the API's `bbox` parameter. */
export type Bounds = [number, number, number, number]
