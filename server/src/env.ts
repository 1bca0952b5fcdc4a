/**
 * The server's configuration, read from the environment here and nowhere else, and checked at start
 * so that a typo stops the process with a readable message instead of failing later.
 */
import { resolve } from 'node:path'
import { z } from 'zod'
import { formatBilingual, tileTemplateProblem } from '@census/shared'

const repoRoot = resolve(import.meta.dirname, '../..')

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  /** A real PostgreSQL + PostGIS server; without it the embedded PGlite in DATA_DIR is used. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATA_DIR: z.string().min(1).default(resolve(repoRoot, 'data/pglite')),
  WEB_DIST: z.string().min(1).default(resolve(repoRoot, 'web/dist')),
  /** Which demo city to load into an empty database: the Tengzhou campaign, or none. */
  DEMO: z.enum(['tengzhou', 'none']).default('tengzhou'),
  /** Optional base-map XYZ raster tiles, e.g. Tianditu with a key: https://t0.tianditu.gov.cn/img_w/wmts?...&tk=KEY */
  BASEMAP_URL: z
    .string()
    .superRefine((url, ctx) => {
      const problem = tileTemplateProblem(url)
      if (problem) ctx.addIssue({ code: 'custom', message: formatBilingual(problem) })
    })
    .optional(),
  BASEMAP_ATTRIBUTION: z.string().default(''),
})

export type Env = z.infer<typeof envSchema>

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const values = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]))
  const parsed = envSchema.safeParse(values)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`配置有误 / Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}

export const paths = {
  repoRoot,
  migrations: resolve(repoRoot, 'migrations'),
  fixtures: resolve(repoRoot, 'fixtures'),
}
