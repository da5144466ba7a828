import { Token } from "cdktf";

/**
 * Whether a string holds a cdktf token, as `Token.isUnresolved` decides it, without cdktf's
 * regex for most strings: every token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`; cdktf
 * tokens/private/encoding.js) contains `TfToken[`.
 */
export function mayHoldToken(text: string): boolean {
  return text.includes("TfToken[") && Token.isUnresolved(text);
}
