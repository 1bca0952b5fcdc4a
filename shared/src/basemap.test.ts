import { describe, expect, it } from 'vitest'
import { tileTemplateProblem } from './basemap.ts'

describe('tileTemplateProblem', () => {
  it.each([
    'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    'http://192.168.1.20:8080/tiles/{z}/{x}/{y}.png',
    'https://t{s}.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc',
  ])('accepts %s', (template) => {
    expect(tileTemplateProblem(template)).toBeNull()
  })

  it('names each missing placeholder in both languages', () => {
    const problem = tileTemplateProblem('https://example.org/{z}/{x}.png')
    expect(problem?.zh).toContain('缺少 {y}')
    expect(problem?.en).toContain('lacks {y}')
    expect(tileTemplateProblem('https://example.org/tiles.png')?.zh).toContain('{z}、{x}、{y}')
  })

  it('refuses other schemes, a missing server, spaces and an empty field', () => {
    expect(tileTemplateProblem('ftp://example.org/{z}/{x}/{y}.png')?.zh).toContain('http://')
    expect(tileTemplateProblem('example.org/{z}/{x}/{y}.png')?.en).toContain('http://')
    expect(tileTemplateProblem('https:///{z}/{x}/{y}.png')?.en).toContain('server name')
    expect(tileTemplateProblem('https://example.org/{z}/{x} /{y}.png')?.en).toContain('spaces')
    expect(tileTemplateProblem('  ')?.zh).toBe('请填写瓦片地址模板')
  })
})
