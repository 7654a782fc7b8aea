export * from './x.adapter';
