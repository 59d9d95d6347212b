/**
 * The one contract between the renderer and the services. Both hosts bind exactly this table;
 * adding a capability means adding its file here and its handlers in electron/services.
 */
import { captureEvents, captureMethods } from './capture';
import type { EventTable, MethodTable } from './define';
import { casesEvents, casesMethods } from './cases';
import { catalogEvents, catalogMethods } from './catalog';
import { idcardEvents, idcardMethods } from './idcard';
import { queueEvents, queueMethods } from './queue';
import { authEvents, authMethods } from './auth';
import { customerEvents, customerMethods } from './customer';
import { ratingsEvents, ratingsMethods } from './ratings';
import { settingsEvents, settingsMethods } from './settings';
import { syncEvents, syncMethods } from './sync';
import { systemEvents, systemMethods } from './system';
import type { z } from './zod';

export const methods = {
  ...systemMethods,
  ...settingsMethods,
  ...idcardMethods,
  ...catalogMethods,
  ...casesMethods,
  ...queueMethods,
  ...captureMethods,
  ...authMethods,
  ...customerMethods,
  ...ratingsMethods,
  ...syncMethods,
} satisfies MethodTable;

export const events = {
  ...systemEvents,
  ...settingsEvents,
  ...idcardEvents,
  ...catalogEvents,
  ...casesEvents,
  ...queueEvents,
  ...captureEvents,
  ...authEvents,
  ...customerEvents,
  ...ratingsEvents,
  ...syncEvents,
} satisfies EventTable;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller passes (defaults not yet applied). */
export type InputOf<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives (parsed, defaults applied). */
export type ParsedInputOf<K extends MethodName> = z.output<Methods[K]['input']>;
/** What a caller gets back. */
export type OutputOf<K extends MethodName> = z.output<Methods[K]['output']>;
export type PayloadOf<E extends EventName> = z.output<Events[E]>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

export * from './errors';
export type { MethodSpec } from './define';
