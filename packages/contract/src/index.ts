export * from './config.ts';
export * from './errors.ts';
export * from './messages.ts';
export * from './validate.ts';
