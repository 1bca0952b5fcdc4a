/**
 * The one shape of every error a person or client reads, defined once for the server and the web.
 * User mistakes are values (findings, problems); exceptions are for bugs and for the HTTP boundary.
 */
import { z } from 'zod'

export const bilingualSchema = z.object({ zh: z.string(), en: z.string() })
export type Bilingual = z.infer<typeof bilingualSchema>

export const errorCodes = [
  'invalid_input',
  'invalid_geometry',
  'invalid_code',
  'not_found',
  'conflict',
  'stale_version',
  'payload_too_large',
  'forbidden',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** One problem with one field of the input: `path` names the field as the client sent it. */
export const fieldProblemSchema = z.object({
  path: z.string(),
  message: bilingualSchema,
})
export type FieldProblem = z.infer<typeof fieldProblemSchema>

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: bilingualSchema,
    problems: z.array(fieldProblemSchema).optional(),
    /** For stale_version: the current state of the thing, so the client can show both versions. */
    current: z.unknown().optional(),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

/** "zh / en" for logs and the CLI. */
export function formatBilingual(m: Bilingual): string {
  return `${m.zh} / ${m.en}`
}
