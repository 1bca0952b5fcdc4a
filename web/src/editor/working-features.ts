/**
 * The features as the person is editing them: the loaded collection with the session's working
 * versions laid over it. The map draws this, so an unsaved edit looks like what it will become.
 */
import { nextSmallAreaCode } from '@census/shared'
import type { CollectionOfKind, FeatureRef } from '../features.ts'
import { isUnsaved, type EditableKind, type EditEntry, type Edited } from './edit-session.ts'

type FeatureOf<K extends EditableKind> = Extract<Edited, { kind: K }>['feature']

export function withEdits<K extends EditableKind>(
  kind: K,
  collection: CollectionOfKind<K>,
  entries: ReadonlyMap<string, EditEntry>,
): CollectionOfKind<K> {
  const mine = [...entries.values()].filter((e) => e.kind === kind)
  if (mine.length === 0) return collection
  const replaced = new Set<string>()
  const added: Array<FeatureOf<K>> = []
  for (const entry of mine) {
    if (entry.saved) replaced.add(entry.saved.feature.properties.code)
    if (entry.working) {
      replaced.add(entry.working.feature.properties.code)
      added.push(entry.working.feature as FeatureOf<K>)
    }
  }
  const kept = collection.features.filter((f) => !replaced.has(f.properties.code))
  return { type: 'FeatureCollection', features: [...kept, ...added] } as CollectionOfKind<K>
}

/**
 * The code a new small area of a district will get, shown before it is saved. Codes still on the
 * server (saved, even if deleted in this session) and codes of unsaved new ones count as taken;
 * the server assigns the same rule on save (shared `nextSmallAreaCode`).
 */
export function previewSmallAreaCode(
  districtCode: string,
  loadedCodes: Iterable<string>,
  entries: ReadonlyMap<string, EditEntry>,
  virtual = false,
): string | null {
  const taken = new Set(loadedCodes)
  for (const entry of entries.values()) {
    if (entry.kind !== 'smallArea') continue
    if (entry.saved) taken.add(entry.saved.feature.properties.code)
    if (entry.working) taken.add(entry.working.feature.properties.code)
  }
  return nextSmallAreaCode(districtCode, taken, virtual)
}

/**
 * A feature's version being edited, when it differs from what is saved, with the saved version
 * (null when it was never saved); null when the session has no unsaved edit of it. A feature deleted
 * but not saved has no working version to show, so it is null too.
 */
export function unsavedVersionOf(ref: FeatureRef, entries: ReadonlyMap<string, EditEntry>): { working: Edited; saved: Edited | null } | null {
  for (const entry of entries.values()) {
    const { working, saved } = entry
    if (working && entry.kind === ref.kind && working.feature.properties.code === ref.code && isUnsaved(entry)) return { working, saved }
  }
  return null
}
