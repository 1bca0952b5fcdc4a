import { describe, expect, test } from 'vitest'
import type { Bounds } from '../features.ts'
import { looksAt } from './bounds.ts'

describe('looksAt', () => {
  const township: Bounds = [117.0, 34.9, 117.2, 35.0]

  test('a view of the township, with the margin a fit leaves, looks at it', () => {
    expect(looksAt([116.97, 34.88, 117.23, 35.02], township)).toBe(true)
  })

  test('a view zoomed in on part of it looks at it: fitting would undo the zoom', () => {
    expect(looksAt([117.15, 34.95, 117.16, 34.96], township)).toBe(true)
  })

  test('the whole county around it does not: the township would be a speck', () => {
    expect(looksAt([116.6, 34.6, 117.6, 35.3], township)).toBe(false)
  })

  test('a view of another township does not, even of the same size', () => {
    expect(looksAt([117.3, 34.9, 117.5, 35.0], township)).toBe(false)
  })
})
