/**
 * The first load of the page: settings and the county's townships and districts. Small areas
 * come from vector tiles and, for the township in hand, from app/small-area-loader.ts.
 */
import { ApiError, getConfig, listFeatures } from '../api/census-api.ts'
import type { Bilingual } from '@census/shared'
import type { ViewerStore } from '../store/viewer-store.ts'

export function messageOf(error: unknown): Bilingual {
  if (error instanceof ApiError) return error.bilingual
  return { zh: `意外错误：${String(error)}`, en: `Unexpected error: ${String(error)}` }
}

export async function loadCity(store: ViewerStore): Promise<void> {
  // The settings only add a base map and a name: without them the page still works.
  const config = getConfig().then(
    (c) => store.configured(c),
    (error: unknown) => store.notify(messageOf(error)),
  )
  try {
    const [townships, districts] = await Promise.all([listFeatures('township'), listFeatures('district')])
    store.cityLoaded({ townships, districts })
  } catch (error) {
    store.loadFailed(messageOf(error))
  }
  await config
}
