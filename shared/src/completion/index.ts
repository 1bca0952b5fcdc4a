export * from './figures.ts'
export * from './forecast.ts'
export * from './bulletin.ts'
export * from './status.ts'
