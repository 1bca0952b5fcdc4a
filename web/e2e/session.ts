/**
 * What every browser spec shares: one Chromium per file, a fresh page per test (Chinese locale,
 * console errors recorded), a picture of the page when a test fails, and the API of the server
 * under test for checking what the page shows against what the database holds.
 */
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openPage } from './browser.ts'
import { CensusDriver } from './census-driver.ts'

export const baseUrl = inject('baseUrl')

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, init)
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

export interface CensusSession {
  census: CensusDriver
  /** Console errors and uncaught exceptions of the current test's page. */
  consoleErrors: string[]
}

/** Registers the hooks; the returned object holds the current test's page once `beforeEach` ran. */
export function useCensusSession(): CensusSession {
  let browser: Browser
  const session = {} as CensusSession

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    const opened = await openPage(browser)
    session.census = new CensusDriver(opened.page, baseUrl)
    session.consoleErrors = opened.consoleErrors
  })
  afterEach(async ({ task }) => {
    // A failing path leaves a picture of where it stopped.
    if (task.result?.state === 'fail') await session.census.screenshot(`failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)
    await session.census.page.context().close()
  })
  return session
}
