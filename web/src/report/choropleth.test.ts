import { describe, expect, it } from 'vitest'
import { projectShapes } from './choropleth.ts'

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'MultiPolygon' as const,
  coordinates: [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]],
})

describe('projecting townships', () => {
  it('fits the shapes into the box, north up, keeping their proportions at the equator', () => {
    const [a, b] = projectShapes([{ code: 'a', geometry: square(0, 0, 1, 1) }, { code: 'b', geometry: square(1, 0, 2, 1) }], 208, 108, 4)
    expect(a!.path).toBe('M4.0,104.0L104.0,104.0L104.0,4.0L4.0,4.0L4.0,104.0Z')
    expect(b!.path.startsWith('M104.0,104.0')).toBe(true)
  })

  it('has nothing to draw without shapes', () => {
    expect(projectShapes([], 100, 100)).toEqual([])
  })
})
