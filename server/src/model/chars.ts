// Character codes the line scanner, the tokeniser and the lean reader compare against.
export const SPACE = 0x20;
export const TAB = 0x09;
export const CR = 0x0d;
export const LF = 0x0a;
export const HASH = 0x23;
export const DOLLAR = 0x24;
