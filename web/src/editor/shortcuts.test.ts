import { describe, expect, test } from 'vitest'
import { commandOf, type KeyPress } from './shortcuts.ts'

const press = (key: string, held: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, inField: false, ...held })

describe('editor keys', () => {
  test('Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo, Cmd works like Ctrl', () => {
    expect(commandOf(press('z', { ctrlKey: true }))).toBe('undo')
    // With Shift held the browser reports a capital Z.
    expect(commandOf(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(commandOf(press('y', { ctrlKey: true }))).toBe('redo')
    expect(commandOf(press('z', { metaKey: true }))).toBe('undo')
  })

  test('Delete removes, Escape cancels, and other keys do nothing', () => {
    expect(commandOf(press('Delete'))).toBe('delete')
    expect(commandOf(press('Escape'))).toBe('cancel')
    expect(commandOf(press('z'))).toBeNull()
    expect(commandOf(press('s', { ctrlKey: true }))).toBeNull()
  })

  test('keys typed into a form field stay with the field, except Escape', () => {
    expect(commandOf(press('z', { ctrlKey: true, inField: true }))).toBeNull()
    expect(commandOf(press('Backspace', { inField: true }))).toBeNull()
    expect(commandOf(press('Escape', { inField: true }))).toBe('cancel')
  })
})
