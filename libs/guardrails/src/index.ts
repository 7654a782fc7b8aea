export * from './time/zoned-time';
export * from './hours/bank-holidays';
export * from './hours/office-hours';
