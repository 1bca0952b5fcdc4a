/**
 * A few townships of the generated Tengzhou demo, loaded for real with the demo loader: big enough
 * to be the demo (its geometry, campaign and codes), small enough for a test.
 */
import type { Database } from '../db/client.ts'
import { generateCity, type DemoCity, type GenerateOptions } from '../demo/generate.ts'
import { loadCity } from '../demo/load.ts'
import { loadTengzhouSource } from '../demo/tengzhou.ts'
import { paths } from '../env.ts'

export const SLICE_CAMPAIGN_START = new Date('2026-10-18T00:00:00Z')

/** Generates the demo with its fixed seed, keeps `townships` (9-digit codes) and loads them into `db`. */
export async function loadTengzhouSlice(db: Database, townships: string[], progress: GenerateOptions['progress']): Promise<DemoCity> {
  const source = loadTengzhouSource(`${paths.fixtures}/tengzhou`)
  const whole = generateCity(source, { seed: 20201101, progress, campaignStart: SLICE_CAMPAIGN_START, asOf: new Date('2026-11-29T00:00:00Z') })
  const inScope = (code: string) => townships.some((t) => code.startsWith(t))
  const city: DemoCity = {
    ...whole,
    townships: whole.townships.filter((t) => inScope(t.code)),
    districts: whole.districts.filter((d) => inScope(d.code)),
    smallAreas: whole.smallAreas.filter((s) => inScope(s.code)),
    buildings: whole.buildings.filter((b) => inScope(b.code)),
  }
  await loadCity(db, city, { dataset: 'test:demo', countyName: source.countyName, countyOutline: source.outline, campaignStart: SLICE_CAMPAIGN_START })
  return city
}
