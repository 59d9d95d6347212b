export * from './card';
export * from './encode';
export * from './numbers';
export * from './read-reply';
export * from './sam-frame';
export * from './sam-stream';
export * from './sw3';
export * from './tables';
