/**
 * A China day shown in the office's words ("2026年7月27日"), whatever the browser's language, and
 * picked on the browser's own calendar. A date input writes its value in the system's format
 * (mm/dd/yyyy on an English system), so it stays out of sight and the button opens its calendar;
 * a browser too old to open it from a button (showPicker, Chromium 99) gets the plain input.
 */
import { useRef } from 'react'

interface Props {
  /** "2026-07-27"; null shows `text` alone (no day set yet). */
  day: string | null
  /** The day in words, as the caller wants it read. */
  text: string
  /** What is being picked, for the button's accessible name and tooltip. */
  label: string
  onPick: (day: string) => void
  /** The last day that may be picked ("2026-07-27"). */
  max?: string
  disabled?: boolean
  className?: string
  testId: string
}

const canOpenFromButton = typeof HTMLInputElement !== 'undefined' && 'showPicker' in HTMLInputElement.prototype

export function DayPicker({ day, text, label, onPick, max, disabled = false, className = '', testId }: Props) {
  const input = useRef<HTMLInputElement>(null)
  const field = (
    <input
      ref={input}
      type="date"
      value={day ?? ''}
      max={max}
      disabled={disabled}
      aria-label={label}
      // Behind the button, which names it: out of the tab order and of what a screen reader reads.
      tabIndex={canOpenFromButton ? -1 : undefined}
      aria-hidden={canOpenFromButton || undefined}
      onChange={(e) => e.target.value && onPick(e.target.value)}
      data-testid={testId}
    />
  )
  if (!canOpenFromButton) return <span className={`day-picker ${className}`}>{field}</span>
  return (
    <span className={`day-picker ${className}`}>
      <button type="button" className="day-picker-button" disabled={disabled} title={label} aria-label={`${label}：${text}`} onClick={() => input.current?.showPicker()}>
        {text}
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M2 4h12v10H2zM2 7h12M5 2v3M11 2v3" stroke="currentColor" strokeWidth="1.5" fill="none" />
        </svg>
      </button>
      {field}
    </span>
  )
}
