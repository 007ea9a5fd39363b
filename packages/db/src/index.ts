export * from './database.ts';
export * from './actors.ts';
export * from './public-view.ts';
export * from './search.ts';
export * from './seed.ts';
export * from './geography.ts';
export * from './users.ts';
export * from './outbox.ts';
