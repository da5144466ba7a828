import * as crypto from "crypto";

/** A known public value that looks like a secret and is not one. */
export interface AllowedSecret {
  /** sha256 (hex) of exactly the matched text. */
  readonly sha256: string;
  /** Why it is not a secret, with where it is published. */
  readonly reason: string;
}

/**
 * Known public test fixtures, by exact hash of the matched text. Add one only with a reason
 * a reviewer can check (where the value is published as an example).
 */
export const ALLOWED_SECRETS: readonly AllowedSecret[] = [
  {
    // AKIAIOSFODNN7EXAMPLE
    sha256: "1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3",
    reason:
      "AWS's documented example access key id (docs.aws.amazon.com, 'Managing access keys'); not a credential",
  },
];

/** sha256 of a text, hex. */
export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/** The allow-list entry of a matched text, if it is a known public fixture. */
export function allowedSecret(matched: string): AllowedSecret | undefined {
  const hash = sha256(matched);
  return ALLOWED_SECRETS.find((a) => a.sha256 === hash);
}
