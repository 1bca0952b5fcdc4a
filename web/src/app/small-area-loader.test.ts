import { describe, expect, test } from 'vitest'
import { townshipInFocus, townshipInHand } from './small-area-loader.ts'

describe('townshipInHand', () => {
  test('the district in hand decides, whatever is picked and however far out the map is', () => {
    expect(townshipInHand('370481106012', '370481001', 9)).toBe('370481106')
  })

  test('the picked township once the map is in close enough to draw small areas', () => {
    expect(townshipInHand(null, '370481106', 11.9)).toBeNull()
    expect(townshipInHand(null, '370481106', 12)).toBe('370481106')
  })

  test('none at the county view with nothing picked', () => {
    expect(townshipInHand(null, null, 15)).toBeNull()
  })
})

describe('townshipInFocus', () => {
  test('the district in hand decides, else the picked township, at any zoom', () => {
    expect(townshipInFocus('370481106012', '370481001')).toBe('370481106')
    expect(townshipInFocus(null, '370481001')).toBe('370481001')
    expect(townshipInFocus(null, null)).toBeNull()
  })
})
