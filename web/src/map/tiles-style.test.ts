import type { FilterSpecification, LayerSpecification } from 'maplibre-gl'
import { featureFilter } from '@maplibre/maplibre-gl-style-spec'
import { describe, expect, test } from 'vitest'
import { censusStyle, sourceOf } from './census-style.ts'
import { SMALL_AREA_TILES_SOURCE, smallAreaTileLayers } from './tiles-style.ts'

const shows = (layer: LayerSpecification, properties: Record<string, unknown>) => {
  const filter = 'filter' in layer ? (layer.filter as FilterSpecification | undefined) : undefined
  return featureFilter(filter, `layers[${layer.id}].filter`).filter({ zoom: 14 }, { type: 3, properties, geometry: [] } as never)
}

describe('smallAreaTileLayers', () => {
  test('copies every small-area look from the GeoJSON layers, drawn from the tiles, each right under its original', () => {
    const geojsonLayers = censusStyle().layers.filter((l) => 'source' in l && l.source === sourceOf.smallArea && l.id !== 'small-area-selected')
    const copies = smallAreaTileLayers(null)
    expect(copies.map((c) => c.under)).toEqual(geojsonLayers.map((l) => l.id))
    for (const { layer, under } of copies) {
      const original = geojsonLayers.find((l) => l.id === under)!
      expect(layer).toMatchObject({ source: SMALL_AREA_TILES_SOURCE, 'source-layer': 'small-areas', type: original.type })
      expect('paint' in layer && layer.paint).toEqual('paint' in original && original.paint)
    }
  })

  test('leaves out the small areas of the township in hand, which come as GeoJSON, and keeps each layer’s own filter', () => {
    const inHand = { code: '370481106012003', virtual: false }
    const elsewhere = { code: '370481001001002', virtual: false }
    const virtualElsewhere = { code: '370481001001900', virtual: true }
    for (const { layer } of smallAreaTileLayers('370481106')) {
      expect(shows(layer, inHand)).toBe(false)
    }
    const fill = smallAreaTileLayers('370481106').find(({ under }) => under === 'small-area-fill')!.layer
    expect(shows(fill, elsewhere)).toBe(true)
    expect(shows(fill, virtualElsewhere)).toBe(true)
    const virtualLine = smallAreaTileLayers(null).find(({ under }) => under === 'small-area-virtual-line')!.layer
    expect(shows(virtualLine, virtualElsewhere)).toBe(true)
    expect(shows(virtualLine, elsewhere)).toBe(false)
  })
})
