/**
 * Secret formats this library's inputs may carry, detected synchronously (so every message can
 * be redacted and every input checked before synth). The full output scan adds secretlint's
 * recommended preset on top of these (see `secretlint-bridge.ts`).
 */

/** One secret format. */
export interface SecretDetector {
  /** Stable id, shown in findings, e.g. `github-token`. */
  readonly id: string;
  /** What it finds, in words. */
  readonly description: string;
  /** Finds the format in a text; returns `[start, end)` ranges. */
  readonly find: (text: string) => readonly (readonly [number, number])[];
}

function byPattern(pattern: RegExp, accept?: (match: RegExpExecArray) => boolean) {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`,
  );
  return (text: string): [number, number][] => {
    const found: [number, number][] = [];
    global.lastIndex = 0;
    for (let m = global.exec(text); m !== null; m = global.exec(text)) {
      if (m[0].length === 0) {
        global.lastIndex++;
        continue;
      }
      if (!accept || accept(m)) found.push([m.index, m.index + m[0].length]);
    }
    return found;
  };
}

const BASE64_PEM = /LS0tLS1CRUdJTi[A-Za-z0-9+/=\r\n]{8,}/;

function decodesToPrivateKey(match: RegExpExecArray): boolean {
  const head = Buffer.from(match[0].replace(/\s/g, "").slice(0, 120), "base64").toString("latin1");
  return /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/.test(head);
}

function decodesToJwt(match: RegExpExecArray): boolean {
  try {
    const header = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")) as unknown;
    return header !== null && typeof header === "object" && ("alg" in header || "typ" in header);
  } catch {
    return false;
  }
}

/** `scheme://user:password@host` where the password is a literal (not a `${…}` Terraform reference). */
function literalPassword(match: RegExpExecArray): boolean {
  const password = match[2];
  // `${…}` (or `$${…}`, as cdktf escapes a literal one) is an interpolation, not a literal.
  return !/^\$?\$\{|^%s$|^\*+$|^<[^>]*>$/.test(password);
}

/**
 * The formats. Ordered; ids are public (they appear in findings and allow-list entries).
 */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    id: "github-token",
    description: "GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)",
    find: byPattern(/\bgh[pousr]_[A-Za-z0-9]{30,}/),
  },
  {
    id: "github-fine-grained-pat",
    description: "GitHub fine-grained personal access token (github_pat_)",
    find: byPattern(/\bgithub_pat_[A-Za-z0-9_]{20,}/),
  },
  {
    id: "gitlab-token",
    description:
      "GitLab token (glpat-, glrt-, gldt-, glptt-, glft-, glsoat-, glcbt-, glimt-, GR1348941 registration token)",
    find: byPattern(
      /\b(?:gl(?:pat|rt|dt|ptt|ft|soat|cbt|imt|agent|oas)-[A-Za-z0-9_.-]{16,}|GR1348941[A-Za-z0-9_-]{16,})/,
    ),
  },
  {
    id: "private-key",
    description: "PEM private key (-----BEGIN … PRIVATE KEY-----)",
    // The whole block (to its END line, else to the end of the text), so that redaction
    // leaves none of the key's body behind.
    find: byPattern(
      /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY\2-----|$(?![\s\S]))/,
    ),
  },
  {
    id: "private-key-base64",
    description: "base64-encoded PEM private key (kubeconfig client-key-data, Secret data)",
    find: byPattern(BASE64_PEM, decodesToPrivateKey),
  },
  {
    id: "jwt",
    description: "JSON Web Token (e.g. a service-account or OIDC token)",
    find: byPattern(
      /\b(eyJ[A-Za-z0-9_-]{8,})\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
      decodesToJwt,
    ),
  },
  {
    id: "basic-auth-url",
    description: "credentials in a URL (scheme://user:password@host)",
    find: byPattern(
      /\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^\s/?#@:"'\\]+):([^\s/?#@"'\\]+)@[^\s/?#@"'\\]/,
      literalPassword,
    ),
  },
  {
    id: "azure-storage-key",
    description: "Azure storage account key or connection string (AccountKey=, SharedAccessKey=)",
    find: byPattern(/\b(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{40,}={0,2}/),
  },
  {
    id: "azure-client-secret",
    description: "Microsoft Entra ID (Azure AD) client secret",
    find: byPattern(
      /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    ),
  },
  {
    id: "azure-auth-file",
    description: "Azure SDK auth file or service principal JSON (clientSecret / clientCertificate)",
    find: byPattern(
      /"(?:clientSecret|client_secret|clientCertificatePassword)"\s*:\s*"[^"$][^"]{7,}"/,
    ),
  },
  {
    id: "gcp-service-account-key",
    description: "GCP service account key file (private_key_id / private_key)",
    find: byPattern(/"private_key(?:_id)?"\s*:\s*"(?:[0-9a-f]{40}|-----BEGIN)/),
  },
  {
    id: "aws-access-key",
    description: "AWS access key id (AKIA…, ASIA…)",
    find: byPattern(/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/),
  },
];

/** One detection in a text. */
export interface SecretMatch {
  /** Detector id, e.g. `github-token` (or `secretlint:<rule id>` from the output scan). */
  readonly rule: string;
  /** Start offset in the text. */
  readonly start: number;
  /** End offset (exclusive). */
  readonly end: number;
}

/** Every detection of the built-in formats in a text, in text order. */
export function detectSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const detector of SECRET_DETECTORS) {
    for (const [start, end] of detector.find(text)) found.push({ rule: detector.id, start, end });
  }
  return found.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
}

/** True when any built-in format occurs in the value (strings, numbers, arrays, objects, deeply). */
export function containsSecret(value: unknown): boolean {
  if (typeof value === "string") return detectSecrets(value).length > 0;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([k, v]) => containsSecret(k) || containsSecret(v));
  }
  return false;
}

/** How many characters of a matched secret a message may show. */
export const SHOWN_PREFIX = 4;

/**
 * A secret, shown safely: its first {@link SHOWN_PREFIX} characters (a format prefix such as
 * `ghp_`, never enough to use) and its length.
 */
export function redactSecret(value: string): string {
  return `${value.slice(0, SHOWN_PREFIX)}… <redacted, ${value.length} characters>`;
}

/** A text with every built-in secret format in it replaced by {@link redactSecret} of the match. */
export function redactSecretsIn(text: string): string {
  const found = detectSecrets(text);
  if (found.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of found) {
    if (m.start < at) continue;
    out += text.slice(at, m.start) + redactSecret(text.slice(m.start, m.end));
    at = m.end;
  }
  return out + text.slice(at);
}
