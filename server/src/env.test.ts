import { describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'

describe('readEnv', () => {
  it('takes a base-map template with {z}, {x} and {y}', () => {
    expect(readEnv({ BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png' }).BASEMAP_URL).toBe('https://tiles.example.cn/{z}/{x}/{y}.png')
  })

  it('stops at start with the shared words when the base-map template lacks a placeholder', () => {
    expect(() => readEnv({ BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}.png' })).toThrow(/BASEMAP_URL: 瓦片地址模板缺少 \{y\}.*lacks \{y\}/)
  })
})
