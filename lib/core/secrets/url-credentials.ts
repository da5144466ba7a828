import { isUnresolved, Problem } from "../rules/problem";
import { URL_CREDENTIALS } from "./rules";

const USERINFO = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#@\s]*)@/;

/**
 * Refuses a URL that carries a user name or password (`scheme://user:password@host`), with the
 * credential redacted. Unresolved tokens are not checked.
 */
export function checkUrlCredentials(
  field: string,
  url: string | undefined,
  example = '"https://charts.example.com"',
): Problem | undefined {
  if (url === undefined || isUnresolved(url)) return undefined;
  const m = USERINFO.exec(url.trim());
  if (!m || m[2] === "") return undefined;
  return {
    rule: URL_CREDENTIALS,
    field,
    value: url,
    redact: true,
    message: `carries credentials (${m[1]}<redacted>@…): they would be written into the output in plain text; give the URL without them and pass the credential by reference`,
    example,
  };
}
