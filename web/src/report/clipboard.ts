/**
 * Copies text for pasting into the office's bulletin. The Clipboard API exists only on secure origins,
 * and the tool is often served over plain http on a government LAN: there, a selected textarea and
 * the older copy command do the same job.
 */
export async function copyText(text: string): Promise<boolean> {
  if (globalThis.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Permission refused: try the old way below.
    }
  }
  const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true })
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  const copied = document.execCommand('copy')
  area.remove()
  return copied
}
