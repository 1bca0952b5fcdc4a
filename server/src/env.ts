/**
 * The server's configuration, read from the environment here and nowhere else, and checked at start
 * so that a typo stops the process with a readable message instead of failing later.
 */
import { statSync } from 'node:fs'
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
  /**
   * Optional base-map tiles in a folder on this machine, `{z}/{x}/{y}.png` (or .jpg, .jpeg, .webp), as
   * tile cutters write them: the city's own recent imagery, served at /api/basemap/… without the internet.
   */
  BASEMAP_DIR: z
    .string()
    .superRefine((dir, ctx) => {
      if (!isFolder(dir)) ctx.addIssue({ code: 'custom', message: formatBilingual({ zh: '底图瓦片文件夹不存在或不是文件夹', en: `No such folder of base-map tiles: ${dir}` }) })
    })
    .transform((dir) => resolve(dir))
    .optional(),
  /** How that folder numbers its rows: from the north (xyz, as web maps do) or from the south (tms, gdal2tiles' default). */
  BASEMAP_DIR_SCHEME: z
    .enum(['xyz', 'tms'], {
      message: formatBilingual({ zh: '瓦片行号的计数方式应为 xyz（自北向南）或 tms（自南向北）', en: 'must be xyz (rows from the north) or tms (rows from the south)' }),
    })
    .default('xyz'),
  BASEMAP_ATTRIBUTION: z.string().default(''),
})
  .superRefine((env, ctx) => {
    if (env.BASEMAP_URL && env.BASEMAP_DIR) {
      ctx.addIssue({
        code: 'custom',
        path: ['BASEMAP_DIR'],
        message: formatBilingual({ zh: '底图只能有一个：请只设置 BASEMAP_URL 或 BASEMAP_DIR 之一', en: 'One base map only: set BASEMAP_URL or BASEMAP_DIR, not both' }),
      })
    }
  })

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

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
