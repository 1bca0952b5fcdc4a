import type { FilterSpecification, LayerSpecification } from 'maplibre-gl'
import { featureFilter } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, test } from 'vitest'
import { censusStyle, sourceOf } from './census-style.ts'
import { areaTileLayers, areaTileSource, tileHitLayerOf, tileSourceOf } from './tiles-style.ts'

const shows = (layer: LayerSpecification, properties: Record<string, unknown>) => {
  const filter = 'filter' in layer ? (layer.filter as FilterSpecification | undefined) : undefined
  return featureFilter(filter, `layers[${layer.id}].filter`).filter({ zoom: 14 }, { type: 3, properties, geometry: [] } as never)
}

describe('areaTileLayers', () => {
  test.each(['district', 'smallArea'] as const)('copies every %s look from the GeoJSON layers but the selection, drawn from the tiles, each right under its original', (kind) => {
    const geojsonLayers = censusStyle().layers.filter((l) => 'source' in l && l.source === sourceOf[kind] && !l.id.endsWith('-selected'))
    const copies = areaTileLayers(kind, null)
    expect(copies.map((c) => c.under)).toEqual(geojsonLayers.map((l) => l.id))
    for (const { layer, under } of copies) {
      const original = geojsonLayers.find((l) => l.id === under)!
      expect(layer).toMatchObject({ source: tileSourceOf[kind].source, 'source-layer': tileSourceOf[kind].layer, type: original.type })
      expect(layer.minzoom).toBe(original.minzoom)
      expect('paint' in layer && layer.paint).toEqual('paint' in original && original.paint)
      expect('layout' in layer && layer.layout).toEqual('layout' in original && original.layout)
    }
    // Clicks on the tiles pick the kind as on its GeoJSON.
    expect(copies.some(({ layer }) => layer.id === tileHitLayerOf[kind])).toBe(true)
  })

  test('each tile source asks for its own tile layer, from the zoom the server serves it at', () => {
    expect(areaTileSource('district', '/d/{z}')).toEqual({ type: 'vector', tiles: ['/d/{z}'], minzoom: 8, promoteId: 'code' })
    expect(areaTileSource('smallArea', '/s/{z}')).toEqual({ type: 'vector', tiles: ['/s/{z}'], minzoom: 10, promoteId: 'code' })
  })

  test('leaves out the areas of the township in hand, which come as GeoJSON, and keeps each layer’s own filter', () => {
    const inHand = { code: '370481106012003', virtual: false }
    const elsewhere = { code: '370481001001002', virtual: false }
    const virtualElsewhere = { code: '370481001001900', virtual: true }
    for (const { layer } of areaTileLayers('smallArea', '370481106')) {
      expect(shows(layer, inHand)).toBe(false)
    }
    const fill = areaTileLayers('smallArea', '370481106').find(({ under }) => under === 'small-area-fill')!.layer
    expect(shows(fill, elsewhere)).toBe(true)
    expect(shows(fill, virtualElsewhere)).toBe(true)
    const virtualLine = areaTileLayers('smallArea', null).find(({ under }) => under === 'small-area-virtual-line')!.layer
    expect(shows(virtualLine, virtualElsewhere)).toBe(true)
    expect(shows(virtualLine, elsewhere)).toBe(false)
    for (const { layer } of areaTileLayers('district', '370481106')) {
      expect(shows(layer, { code: '370481106012' })).toBe(false)
      expect(shows(layer, { code: '370481001001' })).toBe(true)
    }
  })
})
