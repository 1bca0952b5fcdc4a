/**
 * The demo city every fresh install starts with: Tengzhou in mid-campaign, generated from the real
 * code lists and county outline in fixtures/tengzhou/ (boundaries are invented; see its README).
 */
import { join } from 'node:path'
import type { Database } from '../db/client.ts'
import { generateCity } from './generate.ts'
import { datasetState, loadCity, type LoadProgress } from './load.ts'
import { loadTengzhouSource } from './tengzhou.ts'

export const DEMO_DATASET = 'demo:tengzhou-campaign'
export const DEMO_SEED = 20201101 // census day of the 7th national census
export const CAMPAIGN_DAYS = 42

/** Loads the demo unless it is there; refuses to go on over a load that was cut short. */
export async function ensureTengzhouDemo(db: Database, fixturesDir: string, now: Date, progress: LoadProgress): Promise<'loaded' | 'present'> {
  const source = loadTengzhouSource(join(fixturesDir, 'tengzhou'))
  const state = await datasetState(db, source.countyCode, DEMO_DATASET)
  if (state === 'loaded') return 'present'
  if (state === 'interrupted') {
    throw new Error(
      '演示数据上次未加载完成，请删除数据目录后重启 / The demo data load was interrupted last time: delete the data folder and start again',
    )
  }
  const campaignStart = new Date(now.getTime() - CAMPAIGN_DAYS * 86_400_000)
  const city = generateCity(source, { seed: DEMO_SEED, progress: 'campaign', campaignStart, asOf: now })
  progress(`generated: ${city.districts.length} districts, ${city.smallAreas.length} small areas, ${city.buildings.length} buildings`)
  await loadCity(db, city, { dataset: DEMO_DATASET, countyName: source.countyName, countyOutline: source.outline, campaignStart }, progress)
  return 'loaded'
}
