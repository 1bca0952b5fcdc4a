import { afterEach, describe, expect, it, vi } from 'vitest'
import { featureReadsInFlight, listFeatures } from './census-api.ts'

const empty = { type: 'FeatureCollection', features: [] }

describe('reads of features in flight (what the map waits for before it is settled)', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('counts a read from its start until its caller has the features, answered or failed', async () => {
    const answers: Array<(response: Response) => void> = []
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => answers.push(resolve)))
    expect(featureReadsInFlight()).toBe(0)

    const answered = listFeatures('smallArea', { township: '370481001' })
    const failed = listFeatures('building', { bbox: [117, 35, 117.1, 35.1] })
    expect(featureReadsInFlight()).toBe(2)

    answers[0]!(new Response(JSON.stringify(empty), { status: 200 }))
    // The caller's own handler runs with the count already down: nothing is drawn in between.
    await answered.then(() => expect(featureReadsInFlight()).toBe(1))

    answers[1]!(new Response(JSON.stringify({ error: { code: 'bad', message: { zh: '错', en: 'bad' } } }), { status: 400 }))
    await expect(failed).rejects.toThrow()
    expect(featureReadsInFlight()).toBe(0)
  })

  it('stops counting a read that is given up', async () => {
    vi.stubGlobal('fetch', (_path: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))))
    const request = new AbortController()
    const read = listFeatures('smallArea', { township: '370481001' }, request.signal)
    expect(featureReadsInFlight()).toBe(1)
    request.abort()
    await expect(read).rejects.toThrow()
    expect(featureReadsInFlight()).toBe(0)
  })
})
