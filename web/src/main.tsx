import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Editor } from './app/editor.ts'
import { EditorContext } from './app/use-editor.ts'
import { loadCity } from './app/load-city.ts'
import { App } from './components/App.tsx'
import { ViewerStore } from './store/viewer-store.ts'
import { ViewerStoreContext } from './store/use-viewer.ts'
import './styles.css'

const store = new ViewerStore()
const editor = new Editor(store)
const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// The document's language follows the reader's, for screen readers and for CJK font selection.
const syncLanguage = () => {
  document.documentElement.lang = store.getState().language === 'zh' ? 'zh-CN' : 'en'
}
syncLanguage()
store.subscribe(syncLanguage)

createRoot(root).render(
  <StrictMode>
    <ViewerStoreContext.Provider value={store}>
      <EditorContext.Provider value={editor}>
        <App />
      </EditorContext.Provider>
    </ViewerStoreContext.Provider>
  </StrictMode>,
)

void loadCity(store)
