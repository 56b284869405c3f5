// Names of the members every JavaScript object inherits (Object.prototype, and Function.prototype
// for maps that hold functions): what a lookup on a plain object answers for although no one set it.
import fc from 'fast-check';

/** Names of what Object.prototype and Function.prototype give every object. */
export const MEMBER_NAMES = [
  'constructor',
  '__proto__',
  'valueOf',
  'hasOwnProperty',
  'toString',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'call',
  'apply',
  'bind',
  'length',
  'name',
  'prototype',
] as const;

export const memberName = fc.constantFrom(...MEMBER_NAMES);
