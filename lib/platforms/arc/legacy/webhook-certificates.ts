import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { isUnresolved, Problem } from "../../../core/rules/problem";
import { HelmValues } from "../../../core/yaml";
import type { IRunnerNamespace } from "../../../kubernetes/runner-namespace";
import { ARC_LEGACY_WEBHOOK_CA_BUNDLE } from "./controller-rules";

/** Names the legacy chart derives for its admission webhook, given the pinned `fullnameOverride`. */
export interface ArcWebhookNames {
  /** Controller namespace. */
  readonly namespace: IRunnerNamespace;
  /** The webhook Service name (`<fullname>-webhook`). */
  readonly serviceName: string;
  /** The serving certificate Secret the controller mounts (`<fullname>-serving-cert`). */
  readonly secretName: string;
}

/** What a certificate mode contributes to the controller release. */
export interface BoundArcWebhookCertificates {
  /** Chart values (`certManagerEnabled`, `admissionWebHooks.caBundle`). */
  readonly values: HelmValues;
  /** Resources the release must wait for (the serving Secret). */
  readonly dependsOn: ITerraformDependable[];
  /** Problems with the input. */
  readonly problems: Problem[];
  /** One line for summaries. */
  readonly description: string;
}

/**
 * Certificates of the legacy controller's admission webhooks (the API server calls them
 * over TLS on port 9443). The chart's own fallback (`certManagerEnabled: false` without a
 * `caBundle`) runs `genCA` on every render, i.e. a new CA on every upgrade; the modes here
 * never change between plans:
 *
 * - {@link certManager}: cert-manager issues and rotates the certificate and injects the CA
 *   (cert-manager must be installed in the cluster);
 * - {@link fromExistingSecret}: you provide the serving Secret and its CA bundle;
 * - `ArcSelfSignedWebhookCertificates` (subpath `cdktf-runner-pools/tls`): a CA and serving
 *   certificate generated once by the `tls` provider and kept in the state.
 */
export abstract class ArcWebhookCertificates {
  /** cert-manager issues the certificate (chart `certManagerEnabled: true`). */
  public static certManager(): ArcWebhookCertificates {
    return new CertManager();
  }

  /**
   * A serving certificate you manage: a `kubernetes.io/tls` Secret named
   * `<releaseName>-serving-cert` in the controller namespace (keys `tls.crt`, `tls.key`)
   * for the DNS name `<releaseName>-webhook.<namespace>.svc`, and the base64-encoded PEM
   * of the CA that signed it (public data).
   */
  public static fromExistingSecret(options: { readonly caBundle: string }): ArcWebhookCertificates {
    return new ExistingSecret(options.caBundle);
  }

  /** Binds the mode for one controller. */
  public abstract bind(scope: Construct, names: ArcWebhookNames): BoundArcWebhookCertificates;
}

class CertManager extends ArcWebhookCertificates {
  public bind(): BoundArcWebhookCertificates {
    return {
      values: { certManagerEnabled: true },
      dependsOn: [],
      problems: [],
      description: "cert-manager",
    };
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

class ExistingSecret extends ArcWebhookCertificates {
  constructor(private readonly caBundle: string) {
    super();
  }
  public bind(_scope: Construct, names: ArcWebhookNames): BoundArcWebhookCertificates {
    const problems: Problem[] = [];
    if (!isUnresolved(this.caBundle)) {
      const decoded = BASE64.test(this.caBundle)
        ? Buffer.from(this.caBundle, "base64").toString("utf8")
        : "";
      if (!decoded.includes("-----BEGIN CERTIFICATE-----")) {
        problems.push({
          rule: ARC_LEGACY_WEBHOOK_CA_BUNDLE,
          field: "certificates.caBundle",
          value: this.caBundle,
          message:
            "must be the base64 encoding of a PEM CA certificate (-----BEGIN CERTIFICATE-----)",
          example: "Fn.base64encode(caCertPem), or `base64 -w0 ca.crt`",
        });
      }
    }
    return {
      values: { certManagerEnabled: false, admissionWebHooks: { caBundle: this.caBundle } },
      dependsOn: [],
      problems,
      description: `existing secret ${names.secretName}`,
    };
  }
}
