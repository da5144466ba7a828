import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { isUnresolved, Problem } from "../core/rules/problem";
import { checkUrlCredentials } from "../core/secrets/url-credentials";
import {
  CHART_LOCAL_PATH,
  CHART_NAME,
  CHART_OCI_REGISTRY,
  CHART_REPOSITORY_URL,
  CHART_VERSION_PINNED,
} from "./rules";

/** What a bound chart source contributes to a `helm_release`. */
export interface BoundChart {
  /** `chart`: a name, an `oci://` reference or a local path relative to the stack directory. */
  readonly chart: string;
  /** `repository`, for HTTP repositories and OCI registries. @default - none (local charts) */
  readonly repository?: string;
  /** `version`, the pinned chart version (remote charts only). @default - none (local charts) */
  readonly version?: string;
  /** The asset that ships a local chart. @default - none (remote charts) */
  readonly asset?: TerraformAsset;
}

/** An exact SemVer 2 version (no ranges): what Helm resolves to a single chart. */
const EXACT_SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function checkVersion(version: string | undefined): Problem | undefined {
  if (version !== undefined && isUnresolved(version)) return undefined;
  if (!version) {
    return {
      rule: CHART_VERSION_PINNED,
      field: "chart.version",
      value: version,
      message: "remote charts need a pinned version, or every plan may install a different chart",
      example: '"0.14.2"',
    };
  }
  if (!EXACT_SEMVER.test(version)) {
    return {
      rule: CHART_VERSION_PINNED,
      field: "chart.version",
      value: version,
      message: "must be one exact SemVer version, not a range",
      example: '"0.14.2"',
    };
  }
  return undefined;
}

/**
 * Where a runner chart comes from: an HTTP chart repository, an OCI registry, or a
 * local chart directory / `.tgz` archive shipped with the synthesized stack.
 */
export abstract class ChartSource {
  /** A chart from an HTTP(S) chart repository, e.g. `https://charts.gitlab.io`, at a pinned version. */
  public static fromRepository(repository: string, chart: string, version: string): ChartSource {
    return new RemoteChart(repository, chart, version, "repository");
  }

  /** A chart from an OCI registry, e.g. `oci://ghcr.io/actions/actions-runner-controller-charts`, at a pinned version. */
  public static fromOci(registry: string, chart: string, version: string): ChartSource {
    return new RemoteChart(registry, chart, version, "oci");
  }

  /**
   * A chart directory or packaged `.tgz` on disk. It is copied into the stack's output as a
   * `TerraformAsset`, so the JSON holds only a relative path. Relative paths resolve
   * against the current working directory.
   */
  public static fromLocalPath(chartPath: string): ChartSource {
    return new LocalChart(chartPath);
  }

  /** Human-readable description, e.g. for summaries. */
  public abstract readonly description: string;

  /** Problems with this source (checked at synth). */
  public abstract problems(): Problem[];

  /** Produces the release attributes; may create an asset under `scope`. */
  public abstract bind(scope: Construct): BoundChart;
}

class RemoteChart extends ChartSource {
  public readonly description: string;
  constructor(
    private readonly repository: string,
    private readonly chart: string,
    private readonly version: string,
    private readonly kind: "repository" | "oci",
  ) {
    super();
    // Never the URL's credentials (refused by CORE-URL-CREDENTIALS), even in a description.
    this.description = `${repository.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, "$1")}/${chart}@${version}`;
  }

  public problems(): Problem[] {
    const problems: (Problem | undefined)[] = [checkVersion(this.version)];
    problems.push(
      checkUrlCredentials(
        this.kind === "oci" ? "chart.registry" : "chart.repository",
        this.repository,
        this.kind === "oci"
          ? '"oci://ghcr.io/actions/actions-runner-controller-charts"'
          : '"https://charts.gitlab.io"',
      ),
    );
    if (!isUnresolved(this.repository)) {
      if (this.kind === "oci" && !/^oci:\/\/[^/\s]+(\/[^\s]*)?$/.test(this.repository)) {
        problems.push({
          rule: CHART_OCI_REGISTRY,
          field: "chart.registry",
          value: this.repository,
          message: "an OCI registry must start with oci://",
          example: '"oci://ghcr.io/actions/actions-runner-controller-charts"',
        });
      }
      if (this.kind === "repository" && !/^https?:\/\/\S+$/.test(this.repository)) {
        problems.push({
          rule: CHART_REPOSITORY_URL,
          field: "chart.repository",
          value: this.repository,
          message: "a chart repository must be an http(s) URL (use ChartSource.fromOci for oci://)",
          example: '"https://charts.gitlab.io"',
        });
      }
    }
    if (!isUnresolved(this.chart) && !/^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/i.test(this.chart)) {
      problems.push({
        rule: CHART_NAME,
        field: "chart.name",
        value: this.chart,
        message: "must be a chart name without slashes or a version",
        example: '"gitlab-runner"',
      });
    }
    return problems.filter((p): p is Problem => p !== undefined);
  }

  public bind(): BoundChart {
    return {
      chart: this.chart,
      repository: this.repository.replace(/\/+$/, ""),
      version: this.version,
    };
  }
}

class LocalChart extends ChartSource {
  public readonly description: string;
  private readonly absolute: string;
  constructor(chartPath: string) {
    super();
    this.absolute = path.resolve(chartPath);
    this.description = `local chart ${path.basename(chartPath)}`;
  }

  private kind(): "file" | "dir" | "missing" {
    if (!fs.existsSync(this.absolute)) return "missing";
    return fs.statSync(this.absolute).isDirectory() ? "dir" : "file";
  }

  public problems(): Problem[] {
    const kind = this.kind();
    if (kind === "missing") {
      return [
        {
          rule: CHART_LOCAL_PATH,
          field: "chart.path",
          value: path.basename(this.absolute),
          message:
            "no chart directory or .tgz at this path (relative paths resolve against the working directory)",
          example: '"charts/factory-rm-1.2.3.tgz"',
        },
      ];
    }
    if (kind === "dir" && !fs.existsSync(path.join(this.absolute, "Chart.yaml"))) {
      return [
        {
          rule: CHART_LOCAL_PATH,
          field: "chart.path",
          value: path.basename(this.absolute),
          message: "a chart directory must contain Chart.yaml",
          example: '"charts/my-runner"',
        },
      ];
    }
    if (kind === "file" && !/\.tgz$|\.tar\.gz$/.test(this.absolute)) {
      return [
        {
          rule: CHART_LOCAL_PATH,
          field: "chart.path",
          value: path.basename(this.absolute),
          message: "a packaged chart must be a .tgz archive",
          example: '"charts/factory-rm-1.2.3.tgz"',
        },
      ];
    }
    return [];
  }

  public bind(scope: Construct): BoundChart {
    const kind = this.kind();
    if (kind === "missing") {
      // Reported by problems() at synth; keep construction going so all problems are listed together.
      return { chart: path.basename(this.absolute) };
    }
    const asset = new TerraformAsset(scope, "ChartAsset", {
      path: this.absolute,
      type: kind === "dir" ? AssetType.DIRECTORY : AssetType.FILE,
    });
    return { chart: asset.path, asset };
  }
}
