export * from './findings.ts'
export * from './file-report.ts'
export * from './query.ts'
export * from './on-save.ts'
