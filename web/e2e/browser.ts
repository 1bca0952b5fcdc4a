/**
 * The only file that knows the browser driver (playwright-core). It launches Debian's Chromium and
 * never downloads a browser: tests run offline, against the system's browser and fonts.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page, type Request } from 'playwright-core'

export type { Page, Request }

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** Fails with the command that fixes it, rather than skipping: a missing browser is a broken setup. */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `End-to-end tests need Chromium at ${CHROMIUM_PATH} and the CJK fonts. Install them with:\n` +
        '  apt-get install -y chromium fonts-noto-cjk',
    )
  }
}

export async function launchBrowser(): Promise<Browser> {
  assertChromiumInstalled()
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** A fresh page of a fixed size, in Chinese, that records every console error and uncaught exception. */
export async function openPage(browser: Browser): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  const page = await context.newPage()
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`))
  return { page, consoleErrors }
}
