/** Reading vector tiles back in tests, with the decoder maplibre itself uses (@mapbox/vector-tile). */
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

export interface DecodedFeature {
  type: number
  properties: Record<string, unknown>
  /** Rings (or the one list of points) in tile units. */
  geometry: Array<Array<[number, number]>>
}

/** Every layer of a tile, its features in the order they were written. */
export function decodeTile(bytes: Uint8Array): Record<string, { extent: number; version: number; features: DecodedFeature[] }> {
  const tile = new VectorTile(new PbfReader(bytes))
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => {
      const features: DecodedFeature[] = []
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i)
        features.push({ type: f.type, properties: { ...f.properties }, geometry: f.loadGeometry().map((ring) => ring.map((p): [number, number] => [p.x, p.y])) })
      }
      return [name, { extent: layer.extent, version: layer.version, features }]
    }),
  )
}

/** The Web Mercator tile (z/x/y) that holds a lon/lat point. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z
  const phi = (lat * Math.PI) / 180
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) }
}
