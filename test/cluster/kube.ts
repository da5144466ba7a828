// A minimal Kubernetes API client for the loopback API server of test/e2e/start-cluster.sh
// (client certificate from the kubeconfig; no kubectl). Server-side apply with dryRun=All,
// API discovery (kind -> resource), and dry-run Pod creation for Pod Security admission.
import * as fs from "fs";
import * as https from "https";
import { parse } from "yaml";
import type { Obj } from "./translate";

export interface ApiResult {
  readonly status: number;
  readonly body: Obj;
  readonly warnings: string[];
}

interface ResourceInfo {
  readonly plural: string;
  readonly namespaced: boolean;
}

export class Kube {
  private readonly server: URL;
  private readonly agent: https.Agent;
  private discovery = new Map<string, ResourceInfo>();

  constructor(kubeconfigPath: string) {
    const kc = parse(fs.readFileSync(kubeconfigPath, "utf8"));
    const cluster = kc.clusters[0].cluster;
    const user = kc.users[0].user;
    this.server = new URL(cluster.server);
    if (this.server.hostname !== "127.0.0.1")
      throw new Error(`refusing a non-loopback API server: ${cluster.server}`);
    const b64 = (s: string) => Buffer.from(s, "base64");
    this.agent = new https.Agent({
      ca: b64(cluster["certificate-authority-data"]),
      cert: b64(user["client-certificate-data"]),
      key: b64(user["client-key-data"]),
      keepAlive: true,
    });
  }

  public request(method: string, path: string, body?: unknown, contentType = "application/json") {
    return new Promise<ApiResult>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        {
          host: this.server.hostname,
          port: this.server.port,
          path,
          method,
          agent: this.agent,
          headers: {
            accept: "application/json",
            ...(data
              ? { "content-type": contentType, "content-length": Buffer.byteLength(data) }
              : {}),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (text += d));
          res.on("end", () => {
            let parsed: Obj = {};
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              parsed = { message: text };
            }
            const w = res.headers.warning;
            const warnings = (Array.isArray(w) ? w : w ? [w] : []).map((x) =>
              x.replace(/^299 - "?|"$/g, ""),
            );
            resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
          });
        },
      );
      req.on("error", reject);
      if (data) req.write(data);
      req.end();
    });
  }

  /** Reloads the kind -> resource map (after CRDs were installed). */
  public async discover(): Promise<void> {
    const map = new Map<string, ResourceInfo>();
    const groupVersions = ["v1"];
    const apis = (await this.request("GET", "/apis")).body as {
      groups?: { versions: { groupVersion: string }[] }[];
    };
    for (const g of apis.groups ?? [])
      for (const v of g.versions) groupVersions.push(v.groupVersion);
    for (const gv of groupVersions) {
      const res = await this.request("GET", gv === "v1" ? "/api/v1" : `/apis/${gv}`);
      const list = (res.body.resources ?? []) as {
        name: string;
        kind: string;
        namespaced: boolean;
      }[];
      for (const r of list) {
        if (r.name.includes("/")) continue;
        map.set(`${gv}/${r.kind}`, { plural: r.name, namespaced: r.namespaced });
      }
    }
    this.discovery = map;
  }

  public pathOf(obj: Obj, defaultNamespace?: string, withName = true): string {
    const gv = String(obj.apiVersion);
    const kind = String(obj.kind);
    const info = this.discovery.get(`${gv}/${kind}`);
    if (!info) throw new Error(`the API server does not serve ${gv} ${kind}`);
    const md = (obj.metadata ?? {}) as Obj;
    const ns = (md.namespace as string | undefined) ?? defaultNamespace ?? "default";
    const base = gv === "v1" ? "/api/v1" : `/apis/${gv}`;
    const nsPart = info.namespaced ? `/namespaces/${encodeURIComponent(ns)}` : "";
    const name = withName ? `/${encodeURIComponent(String(md.name))}` : "";
    return `${base}${nsPart}/${info.plural}${name}`;
  }

  public isNamespaced(obj: Obj): boolean {
    return this.discovery.get(`${obj.apiVersion}/${obj.kind}`)?.namespaced ?? true;
  }

  /** Server-side apply (dryRun unless real). */
  public apply(obj: Obj, opts: { dryRun: boolean; namespace?: string }): Promise<ApiResult> {
    const q = `?fieldManager=cdktf-test-cluster&force=true${opts.dryRun ? "&dryRun=All" : ""}`;
    const body = { ...obj };
    if (opts.namespace && this.isNamespaced(obj))
      body.metadata = { ...((obj.metadata ?? {}) as Obj), namespace: opts.namespace };
    return this.request(
      "PATCH",
      this.pathOf(body, opts.namespace) + q,
      body,
      "application/apply-patch+yaml",
    );
  }

  /** Dry-run create (admission plugins, including Pod Security, judge it). */
  public createDryRun(obj: Obj, namespace: string): Promise<ApiResult> {
    return this.request("POST", this.pathOf(obj, namespace, false) + "?dryRun=All", obj);
  }

  public async waitEstablished(name: string, timeoutMs = 30000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const r = await this.request(
        "GET",
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      );
      const conds = (((r.body.status ?? {}) as Obj).conditions ?? []) as Obj[];
      if (conds.some((c) => c.type === "Established" && c.status === "True")) return true;
      await new Promise((res) => setTimeout(res, 200));
    }
    return false;
  }

  public close(): void {
    this.agent.destroy();
  }
}

/** The message of a failed API call, shortened. */
export function messageOf(r: ApiResult): string {
  return String(r.body.message ?? JSON.stringify(r.body)).slice(0, 600);
}
