import { useEditor, useEditState } from '../app/use-editor.ts'
import { CODE_LENGTH, type Bilingual, type ClippedPart } from '@census/shared'
import { isUnsaved, type EditorTool } from '../editor/edit-session.ts'
import { editorText as t, fill, loadLevelText } from '../i18n/editor-strings.ts'
import { localeOf, useText } from '../i18n/use-text.ts'
import { ui } from '../i18n/strings.ts'
import { featureOf } from '../store/selectors.ts'
import { useViewer } from '../store/use-viewer.ts'
import { previewSmallAreaCode } from '../editor/working-features.ts'

const toolHint = {
  drawDistrict: t.drawDistrictHint,
  editDistrict: t.editDistrictHint,
  drawSmallArea: t.drawHint,
  editSmallArea: t.editHint,
  tagBuildings: t.tagHint,
  split: t.splitHint,
  merge: t.mergeHint,
} satisfies Record<Exclude<EditorTool, 'browse'>, Bilingual>

/** What a save cut off, or (in a refusal) what would stick out, in the words of the level it concerns. */
function clippedText(part: ClippedPart): Bilingual {
  switch (part.reason) {
    case 'sibling':
      return t.clippedSibling
    case 'outside_parent':
      return part.code.length === CODE_LENGTH.township ? t.clippedOutsideTownship : t.clippedOutside
    case 'child_outside':
      return t.leftOutside
    default: {
      const never: never = part.reason
      throw new Error(`unknown reason ${String(never)}`)
    }
  }
}

/** The editor's tools over the map's top-left corner: what to do, in which district, and whether it is saved. */
export function EditorToolbar() {
  const text = useText()
  const editor = useEditor()
  const edit = useEditState((s) => s)
  const viewer = useViewer((s) => s)
  const language = viewer.language
  const district = editor.districtInHand()
  const districtName = district ? featureOf(viewer, { kind: 'district', code: district })?.properties.name : null
  // As being edited: a boundary drawn but not saved yet counts as drawn.
  const districtDrawn = !!district && !!editor.districts().features.find((d) => d.properties.code === district)?.geometry
  const selectedSmallArea = viewer.selection?.kind === 'smallArea' ? viewer.selection.code : null
  const entries = [...edit.entries.values()]
  // A change whose save met someone else's newer version waits for the person's choice (StaleSaveDialog):
  // not saved, yet not one that 保存 would send again.
  const unsaved = editor.session.unsaved().length
  const conflicted = editor.session.conflicts().length
  const refusal = entries.find((e) => e.refusal && isUnsaved(e))?.refusal ?? null
  const clipped = entries.flatMap((e) => e.clipped)
  const restructure = editor.canRestructure()

  // The live counter is about small areas: the one being drawn, or the one whose vertices are in hand.
  const edited = edit.editing ? editor.session.working(edit.editing) : null
  const editedSmallArea = edit.tool === 'editSmallArea' && edited?.kind === 'smallArea' ? edited.feature : null
  const measured = edit.tool === 'drawSmallArea' ? edit.sketch : (editedSmallArea?.geometry ?? null)
  const load = measured ? editor.loadOf(measured, edit.tool === 'drawSmallArea' ? edit.virtual : !!editedSmallArea?.properties.virtual) : null
  const nextCode =
    edit.tool === 'drawSmallArea' && district
      ? previewSmallAreaCode(district, (viewer.smallAreas?.collection.features ?? []).map((f) => f.properties.code), edit.entries, edit.virtual)
      : null

  const status = edit.saving
    ? text(t.saving)
    : conflicted
      ? fill(text(t.conflicted), { n: conflicted })
      : unsaved
        ? fill(text(t.unsaved), { n: unsaved })
        : text(t.saved)
  const toolButton = (tool: 'drawDistrict' | 'drawSmallArea' | 'tagBuildings', label: string, needs?: { met: boolean; reason: Bilingual }) => (
    <button
      type="button"
      className={edit.tool === tool ? 'active' : ''}
      aria-pressed={edit.tool === tool}
      disabled={!district || (needs !== undefined && !needs.met)}
      title={needs && !needs.met ? text(needs.reason) : undefined}
      onClick={() => editor.useTool(edit.tool === tool ? 'browse' : tool)}
    >
      {label}
    </button>
  )

  return (
    <section className={`editor-toolbar${district || unsaved || conflicted ? '' : ' nothing-in-hand'}`} data-testid="editor-toolbar" aria-label={text(t.save)}>
      <div className="editor-row">
        <span className="editor-district">
          {district ? (
            <>
              {text(t.district)} <strong>{districtName}</strong> <span className="code">{district}</span>{' '}
              <button type="button" className="link" title={text(t.zoomToHint)} onClick={() => editor.zoomToDistrict()}>
                {text(t.zoomTo)}
              </button>
              <span className="district-tools" data-testid="district-tools">
                {!districtDrawn && <span className="undrawn-tag">{text(t.districtUndrawn)}</span>}
                {!districtDrawn ? (
                  toolButton('drawDistrict', text(t.drawDistrict))
                ) : edit.tool === 'editDistrict' ? (
                  <button type="button" className="active" onClick={() => editor.useTool('browse')}>
                    {text(t.done)}
                  </button>
                ) : (
                  <button type="button" onClick={() => editor.useTool('editDistrict')}>
                    {text(t.editDistrict)}
                  </button>
                )}
                {districtDrawn && (
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(fill(text(t.confirmRemoveBoundary), { name: districtName ?? '', code: district }))) editor.removeDistrictBoundary(district)
                    }}
                  >
                    {text(t.removeDistrictBoundary)}
                  </button>
                )}
              </span>
            </>
          ) : (
            text(t.pickDistrict)
          )}
        </span>
        <label className="avoid-overlaps" title={text(t.avoidOverlapsHint)}>
          <input type="checkbox" checked={edit.avoidOverlaps} onChange={(e) => editor.session.setAvoidOverlaps(e.target.checked)} />
          {text(t.avoidOverlaps)}
        </label>
        <span className={`save-state ${unsaved || conflicted ? 'unsaved' : 'saved'}`} data-testid="save-state">
          {status}
        </span>
      </div>
      <div className="editor-row">
        {toolButton('drawSmallArea', text(t.drawSmallArea), { met: districtDrawn, reason: t.needsDistrictBoundary })}
        {toolButton('tagBuildings', text(t.tagBuildings))}
        {edit.tool === 'editSmallArea' ? (
          <button type="button" className="active" onClick={() => editor.useTool('browse')}>
            {text(t.done)}
          </button>
        ) : (
          <button type="button" disabled={!selectedSmallArea} onClick={() => selectedSmallArea && editor.useTool('editSmallArea', selectedSmallArea)}>
            {text(t.editBoundary)}
          </button>
        )}
        <button
          type="button"
          disabled={!selectedSmallArea}
          onClick={() => {
            if (selectedSmallArea && window.confirm(fill(text(t.confirmDelete), { code: selectedSmallArea }))) editor.deleteSmallArea(selectedSmallArea)
          }}
        >
          {text(t.deleteSmallArea)}
        </button>
        <button
          type="button"
          className={edit.tool === 'split' ? 'active' : ''}
          aria-pressed={edit.tool === 'split'}
          disabled={!district || (edit.tool !== 'split' && !restructure)}
          title={text(restructure ? t.splitTitle : t.restructureNeedsSaved)}
          onClick={() => editor.useTool(edit.tool === 'split' ? 'browse' : 'split')}
        >
          {text(t.split)}
        </button>
        <button
          type="button"
          className={edit.tool === 'merge' ? 'active' : ''}
          aria-pressed={edit.tool === 'merge'}
          disabled={!selectedSmallArea || (edit.tool !== 'merge' && !restructure)}
          title={text(restructure ? t.mergeTitle : t.restructureNeedsSaved)}
          onClick={() => editor.useTool(edit.tool === 'merge' ? 'browse' : 'merge')}
        >
          {text(t.merge)}
        </button>
        <span className="editor-gap" />
        <button type="button" title={text(t.undoHint)} disabled={!edit.canUndo} onClick={() => editor.undo()}>
          ↶ {text(t.undo)}
        </button>
        <button type="button" title={text(t.redoHint)} disabled={!edit.canRedo} onClick={() => editor.redo()}>
          ↷ {text(t.redo)}
        </button>
        <button
          type="button"
          className="save"
          disabled={!unsaved || edit.saving || !edit.author.trim()}
          title={edit.author.trim() ? '' : text(t.needAuthor)}
          onClick={() => void editor.save()}
        >
          {text(t.save)}
        </button>
      </div>
      {unsaved > 0 && !edit.author.trim() && <p className="editor-warning">{text(t.needAuthor)}</p>}
      {refusal && (
        <p className="editor-warning" role="alert">
          {text(t.refused)}：{text(refusal.message)}
          {/* The overlapping parts are named in the message and hatched on the map; other problems are
              about the drawn shape itself (the only field here), so their field path says nothing. */}
          {refusal.overlaps.length === 0 &&
            refusal.problems.map((p, i) => (
              <span key={i}>
                <br />
                {text(p.message)}
              </span>
            ))}
          {refusal.overlaps.length > 0 && (
            <>
              <br />
              {text(refusal.overlaps.some((p) => p.reason === 'child_outside') ? t.outsideMarked : t.overlapsMarked)}
            </>
          )}
        </p>
      )}
      {clipped.length > 0 && (
        <p className="editor-clipped" role="status" data-testid="clipped-notice">
          <span>
            {clipped.map((part) => (
              <span key={`${part.reason}:${part.code}`}>
                {fill(text(clippedText(part)), {
                  code: part.code,
                  area: part.areaM2.toLocaleString(localeOf(language), { maximumFractionDigits: part.areaM2 >= 100 ? 0 : 1 }),
                })}
              </span>
            ))}
          </span>
          <button type="button" className="link" onClick={() => editor.session.dismissClipped()}>
            {text(ui.dismiss)}
          </button>
        </p>
      )}
      {edit.tool !== 'browse' && (
        <p className="editor-hint">{text(toolHint[edit.tool])}</p>
      )}
      {edit.tool === 'editSmallArea' && edit.sharedWith.length > 0 && (
        <p className={`editor-shared ${edit.moveSharedEdges ? '' : 'apart'}`} role="status" data-testid="shared-edge">
          <span>{fill(text(t.sharedEdge), { codes: edit.sharedWith.join('、') })}</span>
          <button type="button" className={edit.moveSharedEdges ? 'active' : ''} aria-pressed={edit.moveSharedEdges} title={text(t.moveTogetherHint)} onClick={() => editor.session.chooseSharedEdges(true)}>
            {text(t.moveTogether)}
          </button>
          <button type="button" className={edit.moveSharedEdges ? '' : 'active'} aria-pressed={!edit.moveSharedEdges} title={text(t.moveThisOnlyHint)} onClick={() => editor.session.chooseSharedEdges(false)}>
            {text(t.moveThisOnly)}
          </button>
          {!edit.moveSharedEdges && <em>{text(t.moveThisOnlyHint)}</em>}
        </p>
      )}
      {edit.tool === 'drawSmallArea' && (
        <div className="editor-row small-area-kind" role="radiogroup" aria-label={text(t.smallAreaKind)}>
          <span>{text(t.smallAreaKind)}：</span>
          <label>
            <input type="radio" name="small-area-kind" checked={!edit.virtual} onChange={() => editor.session.chooseVirtual(false)} />
            {text(t.ordinarySmallArea)}
          </label>
          <label>
            <input type="radio" name="small-area-kind" checked={edit.virtual} onChange={() => editor.session.chooseVirtual(true)} />
            {text(t.virtualSmallArea)}
          </label>
          {edit.virtual && <span className="editor-hint">{text(t.virtualHint)}</span>}
        </div>
      )}
      {(nextCode || load) && (
        <p className="editor-info">
          {nextCode && (
            <span>
              {text(t.nextCode)}：<span className="code" data-testid="next-code">{nextCode}</span>
            </span>
          )}
          {load && (
            <span className={`load-${load.level}`} data-testid="load-counter">
              {fill(text(t.counter), { b: load.buildings, h: load.households, t: load.target })}（{text(loadLevelText[load.level])}）
            </span>
          )}
        </p>
      )}
    </section>
  )
}
