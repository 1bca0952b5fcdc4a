/** Picks the reader's language out of a bilingual text. */
import type { Bilingual } from '@census/shared'
import { useViewer } from '../store/use-viewer.ts'
import type { Language } from '../store/viewer-store.ts'

export function useText(): (text: Bilingual) => string {
  const language = useViewer((s) => s.language)
  return (text) => text[language]
}

/** The locale for numbers and dates in the reader's language. */
export function localeOf(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en-GB'
}
