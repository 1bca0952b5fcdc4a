/** Turns zod's issues into the bilingual, field-by-field problems every error body carries. */
import type { z } from 'zod'
import type { Bilingual, FieldProblem } from './errors.ts'

function joinPath(path: readonly PropertyKey[], subPath = ''): string {
  const base = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('')
  return (base + subPath).replace(/^\./, '') || '(body)'
}

function describe(issue: z.core.$ZodIssue): Bilingual {
  const bilingual = (issue as { params?: { bilingual?: Bilingual } }).params?.bilingual
  if (bilingual) return bilingual
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { zh: '缺少必填项', en: 'This field is required' }
        : { zh: `类型错误：应为 ${issue.expected}`, en: `Wrong type: expected ${issue.expected}` }
    case 'too_small':
      return { zh: `不能小于 ${String(issue.minimum)}`, en: `Must be at least ${String(issue.minimum)}` }
    case 'too_big':
      return { zh: `不能大于 ${String(issue.maximum)}`, en: `Must be at most ${String(issue.maximum)}` }
    case 'invalid_value':
      return { zh: `取值应为：${issue.values.map(String).join('、')}`, en: `Must be one of: ${issue.values.map(String).join(', ')}` }
    case 'unrecognized_keys':
      return { zh: `不认识的字段：${issue.keys.join('、')}`, en: `Unknown field(s): ${issue.keys.join(', ')}` }
    default:
      return { zh: `输入有误：${issue.message}`, en: issue.message }
  }
}

export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const subPath = (issue as { params?: { subPath?: string } }).params?.subPath ?? ''
    return { path: joinPath(issue.path, subPath), message: describe(issue) }
  })
}
