export * from './config.ts';
export * from './default-policy.ts';
export * from './errors.ts';
export * from './messages.ts';
export * from './preferences.ts';
export * from './privacy.ts';
export * from './privacy-validate.ts';
export * from './validate.ts';
