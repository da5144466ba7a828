import { Construct } from "constructs";
import { Fn, TerraformStack } from "cdktf";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { SelfSignedCert } from "@cdktf/provider-tls/lib/self-signed-cert";
import { CertRequest } from "@cdktf/provider-tls/lib/cert-request";
import { LocallySignedCert } from "@cdktf/provider-tls/lib/locally-signed-cert";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { MANAGED_BY } from "../../../core/labels";
import { Problem } from "../../../core/rules/problem";
import {
  ARC_LEGACY_WEBHOOK_CERT_RENEWAL,
  ARC_LEGACY_WEBHOOK_CERT_VALIDITY,
} from "./controller-rules";
import {
  ArcWebhookCertificates,
  ArcWebhookNames,
  BoundArcWebhookCertificates,
} from "./webhook-certificates";

/** Options of {@link ArcSelfSignedWebhookCertificates}. */
export interface ArcSelfSignedWebhookCertificatesOptions {
  /** Validity of the CA and serving certificate, in hours. @default 87600 (10 years) */
  readonly validityHours?: number;
  /** Re-issue the serving certificate this many hours before it expires (the next plan after that shows the change). @default 720 (30 days) */
  readonly earlyRenewalHours?: number;
}

/**
 * A CA and serving certificate for the legacy controller's admission webhooks, generated
 * once with the `tls` provider (ECDSA P-256) and kept in the Terraform state: the same on
 * every plan until renewal is due. The serving Secret is created with
 * `kubernetes_secret_v1`; the CA goes to the chart as `admissionWebHooks.caBundle`.
 *
 * The private keys live in the state: use an encrypted backend with restricted access.
 */
export class ArcSelfSignedWebhookCertificates extends ArcWebhookCertificates {
  constructor(private readonly options: ArcSelfSignedWebhookCertificatesOptions = {}) {
    super();
  }

  public bind(scope: Construct, names: ArcWebhookNames): BoundArcWebhookCertificates {
    const validity = this.options.validityHours ?? 87600;
    const early = this.options.earlyRenewalHours ?? 720;
    const stack = TerraformStack.of(scope);
    if (!stack.node.findAll().some((c) => c instanceof TlsProvider)) new TlsProvider(stack, "tls");

    const root = new Construct(scope, "WebhookCertificates");
    const caKey = new PrivateKey(root, "CaKey", { algorithm: "ECDSA", ecdsaCurve: "P256" });
    const ca = new SelfSignedCert(root, "Ca", {
      privateKeyPem: caKey.privateKeyPem,
      isCaCertificate: true,
      setSubjectKeyId: true,
      validityPeriodHours: validity,
      subject: [{ commonName: "actions-runner-controller-webhook-ca", organization: MANAGED_BY }],
      allowedUses: ["cert_signing", "crl_signing", "digital_signature"],
    });
    const dnsNames = [
      `${names.serviceName}.${names.namespace.name}.svc`,
      `${names.serviceName}.${names.namespace.name}.svc.cluster.local`,
    ];
    const key = new PrivateKey(root, "ServingKey", { algorithm: "ECDSA", ecdsaCurve: "P256" });
    const request = new CertRequest(root, "ServingRequest", {
      privateKeyPem: key.privateKeyPem,
      dnsNames,
      subject: [{ commonName: dnsNames[0] }],
    });
    const cert = new LocallySignedCert(root, "Serving", {
      certRequestPem: request.certRequestPem,
      caPrivateKeyPem: caKey.privateKeyPem,
      caCertPem: ca.certPem,
      validityPeriodHours: validity,
      earlyRenewalHours: early,
      allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
    });
    const secret = new SecretV1(root, "Secret", {
      metadata: {
        name: names.secretName,
        namespace: names.namespace.ref,
        labels: { "app.kubernetes.io/managed-by": MANAGED_BY },
      },
      type: "kubernetes.io/tls",
      data: { "ca.crt": ca.certPem, "tls.crt": cert.certPem, "tls.key": key.privateKeyPem },
    });
    const problems: Problem[] = [];
    if (!Number.isInteger(validity) || validity < 24) {
      problems.push({
        rule: ARC_LEGACY_WEBHOOK_CERT_VALIDITY,
        field: "certificates.validityHours",
        value: validity,
        message: "must be a whole number of hours ≥ 24",
        example: "87600",
      });
    }
    if (!Number.isInteger(early) || early < 0 || early >= validity) {
      problems.push({
        rule: ARC_LEGACY_WEBHOOK_CERT_RENEWAL,
        field: "certificates.earlyRenewalHours",
        value: early,
        message: "must be a whole number of hours from 0 to below validityHours",
        example: "720",
      });
    }
    return {
      values: {
        certManagerEnabled: false,
        admissionWebHooks: { caBundle: Fn.base64encode(ca.certPem) },
      },
      dependsOn: [secret],
      problems,
      description: "self-signed CA in the Terraform state (tls provider)",
    };
  }
}
