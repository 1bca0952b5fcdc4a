import { useEditor, useEditState } from '../app/use-editor.ts'
import { editorText as t } from '../i18n/editor-strings.ts'
import { useText } from '../i18n/use-text.ts'

/** The name every saved change is recorded under (sent as X-Census-User), remembered by the browser. */
export function AuthorField() {
  const text = useText()
  const editor = useEditor()
  const author = useEditState((s) => s.author)
  return (
    <label className={`author-field ${author.trim() ? '' : 'missing'}`} title={text(t.authorHint)}>
      <span>{text(t.author)}</span>
      <input value={author} maxLength={40} placeholder={text(t.authorPlaceholder)} onChange={(e) => editor.signAs(e.target.value)} />
    </label>
  )
}
