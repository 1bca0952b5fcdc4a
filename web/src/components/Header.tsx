import { ui } from '../i18n/strings.ts'
import { useText } from '../i18n/use-text.ts'
import { useViewer, useViewerStore } from '../store/use-viewer.ts'
import { TownshipPicker } from './TownshipPicker.tsx'
import { AuthorField } from './AuthorField.tsx'
import { ViewTabs } from '../report/ViewTabs.tsx'
import { SettingsButton } from './SettingsDialog.tsx'

export function Header() {
  const text = useText()
  const store = useViewerStore()
  const language = useViewer((s) => s.language)
  const countyName = useViewer((s) => s.countyName)
  return (
    <header className="header">
      <h1 className="header-title">
        {text(ui.appTitle)}
        {countyName && <span className="header-county">{countyName}</span>}
      </h1>
      <ViewTabs />
      <TownshipPicker />
      <AuthorField />
      <button
        type="button"
        className="language-toggle"
        title={text(ui.languageHint)}
        lang={language === 'zh' ? 'en' : 'zh'}
        onClick={() => store.setLanguage(language === 'zh' ? 'en' : 'zh')}
      >
        {text(ui.language)}
      </button>
      <SettingsButton />
    </header>
  )
}
