export * from './time/zoned-time';
export * from './hours/bank-holidays';
export * from './hours/office-hours';
export * from './text/tokens';
export * from './language/word-lists';
export * from './language/detect-language';
