/**
 * The demo city every fresh install starts with: Tengzhou in mid-campaign, generated from the real
 * code lists and county outline in fixtures/tengzhou/ (boundaries are invented; see its README).
 */
import { join } from 'node:path'
import { chinaDayOf, DAY_MS, formatBilingual } from '@census/shared'
import type { Database } from '../db/client.ts'
import { generateCity } from './generate.ts'
import { datasetState, INTERRUPTED_LOAD, loadCity, type LoadProgress } from './load.ts'
import { loadTengzhouSource } from './tengzhou.ts'

export const DEMO_DATASET = 'demo:tengzhou-campaign'
export const DEMO_SEED = 20201101 // census day of the 7th national census
export const CAMPAIGN_DAYS = 42
/**
 * The drawing stage (区划绘图) as an office plans it: ten weeks from the official lists, its last day
 * the county's deadline (Tengzhou's real one was 15 August). Six weeks in, at each township's pace
 * of the last week, most finish in time and the slow starters do not (about 7 of 21 at risk).
 */
export const DRAWING_STAGE_DAYS = 70

/** The county's deadline for a demo campaign that began at `campaignStart`: the stage's last day. */
export function demoDeadline(campaignStart: Date): string {
  return chinaDayOf(new Date(campaignStart.getTime() + DRAWING_STAGE_DAYS * DAY_MS))
}

/** Loads the demo unless it is there; refuses to go on over a load that was cut short. */
export async function ensureTengzhouDemo(db: Database, fixturesDir: string, now: Date, progress: LoadProgress): Promise<'loaded' | 'present'> {
  const source = loadTengzhouSource(join(fixturesDir, 'tengzhou'))
  const state = await datasetState(db, source.countyCode, DEMO_DATASET)
  if (state === 'loaded') return 'present'
  if (state === 'interrupted') throw new Error(formatBilingual(INTERRUPTED_LOAD))
  const campaignStart = new Date(now.getTime() - CAMPAIGN_DAYS * DAY_MS)
  const city = generateCity(source, { seed: DEMO_SEED, progress: 'campaign', campaignStart, asOf: now })
  progress(`generated: ${city.districts.length} districts, ${city.smallAreas.length} small areas, ${city.buildings.length} buildings`)
  const options = { dataset: DEMO_DATASET, countyName: source.countyName, countyOutline: source.outline, campaignStart, deadline: demoDeadline(campaignStart) }
  await loadCity(db, city, options, progress)
  return 'loaded'
}
