// Differential-test harness of cdktf-runner-pools (not upstream code). scripts/simulate-harness.sh
// copies the Go module github.com/actions/actions-runner-controller@v0.27.6 (from the Go module
// proxy) into a temporary directory and drops this file into
// controllers/actions.summerwind.net, so it can call the package's unexported decision
// functions: getMinReplicas and computeReplicasWithCache (which calls suggestDesiredReplicas)
// against ARC's own fake GitHub server (github/fake). It reads JSONL cases from $SIM_CASES and
// writes one JSONL decision per case to $SIM_OUT.
package actionssummerwindnet

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/actions/actions-runner-controller/apis/actions.summerwind.net/v1alpha1"
	"github.com/actions/actions-runner-controller/github/fake"
	"github.com/go-logr/logr"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	fakeclient "sigs.k8s.io/controller-runtime/pkg/client/fake"
)

type simJob struct {
	Status string   `json:"status"`
	Labels []string `json:"labels"`
}

type simRun struct {
	Status string   `json:"status"`
	Jobs   []simJob `json:"jobs"`
}

type simOverride struct {
	StartMs     int64  `json:"startMs"`
	EndMs       int64  `json:"endMs"`
	Frequency   string `json:"frequency"`
	UntilMs     *int64 `json:"untilMs"`
	MinReplicas *int   `json:"minReplicas"`
}

type simReservation struct {
	ExpiresMs int64 `json:"expiresMs"`
	Replicas  int   `json:"replicas"`
}

type simMetric struct {
	Type                string `json:"type"`
	ScaleUpThreshold    string `json:"scaleUpThreshold"`
	ScaleDownThreshold  string `json:"scaleDownThreshold"`
	ScaleUpFactor       string `json:"scaleUpFactor"`
	ScaleDownFactor     string `json:"scaleDownFactor"`
	ScaleUpAdjustment   int    `json:"scaleUpAdjustment"`
	ScaleDownAdjustment int    `json:"scaleDownAdjustment"`
}

type simRunner struct {
	Name string `json:"name"`
	Busy bool   `json:"busy"`
}

type simCase struct {
	ID             string           `json:"id"`
	NowMs          int64            `json:"nowMs"`
	Min            *int             `json:"min"`
	Max            *int             `json:"max"`
	Labels         []string         `json:"labels"`
	Metrics        []simMetric      `json:"metrics"`
	Runs           []simRun         `json:"runs"`
	Overrides      []simOverride    `json:"overrides"`
	Reservations   []simReservation `json:"reservations"`
	StatusDesired  *int             `json:"statusDesired"`
	LastScaleOutMs *int64           `json:"lastScaleOutMs"`
	DelaySeconds   *int             `json:"delaySeconds"`
	SpecReplicas   *int             `json:"specReplicas"`
	Runners        []simRunner      `json:"runners"`
	Pods           []string         `json:"pods"`
}

type simResult struct {
	ID      string `json:"id"`
	Min     *int   `json:"min"`
	Desired *int   `json:"desired"`
	Error   string `json:"error,omitempty"`
}

func ms(v int64) time.Time { return time.UnixMilli(v).UTC() }

func simBody(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestRunnerPoolsSimHarness(t *testing.T) {
	in, out := os.Getenv("SIM_CASES"), os.Getenv("SIM_OUT")
	if in == "" || out == "" {
		t.Skip("SIM_CASES and SIM_OUT not set")
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	scheme := runtime.NewScheme()
	_ = clientgoscheme.AddToScheme(scheme)
	_ = v1alpha1.AddToScheme(scheme)
	log := logr.Discard()

	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var c simCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(w, simBody(runCase(t, scheme, log, c)))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func runCase(t *testing.T, scheme *runtime.Scheme, log logr.Logger, c simCase) simResult {
	now := ms(c.NowMs)

	// One workflow run per entry; its jobs served by ARC's fake ListWorkflowJobs handler.
	type wr struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	type wj struct {
		ID     int64    `json:"id"`
		RunID  int64    `json:"run_id"`
		Status string   `json:"status"`
		Labels []string `json:"labels"`
	}
	var queued, inProgress []wr
	jobs := map[int]string{}
	for i, run := range c.Runs {
		id := int64(i + 1)
		r := wr{ID: id, Status: run.Status}
		switch run.Status {
		case "queued":
			queued = append(queued, r)
		case "in_progress":
			inProgress = append(inProgress, r)
		}
		list := []wj{}
		for j, job := range run.Jobs {
			labels := job.Labels
			if labels == nil {
				labels = []string{}
			}
			list = append(list, wj{ID: id*1000 + int64(j), RunID: id, Status: job.Status, Labels: labels})
		}
		jobs[int(id)] = simBody(map[string]interface{}{"total_count": len(list), "jobs": list})
	}
	all := append(append([]wr{}, queued...), inProgress...)
	runsBody := func(rs []wr) string {
		if rs == nil {
			rs = []wr{}
		}
		return simBody(map[string]interface{}{"total_count": len(rs), "workflow_runs": rs})
	}
	type ghRunner struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		OS     string `json:"os"`
		Status string `json:"status"`
		Busy   bool   `json:"busy"`
	}
	runners := []ghRunner{}
	for i, r := range c.Runners {
		runners = append(runners, ghRunner{ID: int64(i + 1), Name: r.Name, OS: "linux", Status: "online", Busy: r.Busy})
	}
	server := fake.NewServer(
		fake.WithListRepositoryWorkflowRunsResponse(200, runsBody(all), runsBody(queued), runsBody(inProgress)),
		fake.WithListWorkflowJobsResponse(200, jobs),
		fake.WithListRunnersResponse(200, simBody(map[string]interface{}{"total_count": len(runners), "runners": runners})),
	)
	defer server.Close()
	client := newGithubClient(server)

	h := &HorizontalRunnerAutoscalerReconciler{
		Client:                fakeclient.NewClientBuilder().WithScheme(scheme).Build(),
		Log:                   log,
		Scheme:                scheme,
		DefaultScaleDownDelay: DefaultScaleDownDelay,
	}

	var metrics []v1alpha1.MetricSpec
	for _, m := range c.Metrics {
		metrics = append(metrics, v1alpha1.MetricSpec{
			Type:                m.Type,
			ScaleUpThreshold:    m.ScaleUpThreshold,
			ScaleDownThreshold:  m.ScaleDownThreshold,
			ScaleUpFactor:       m.ScaleUpFactor,
			ScaleDownFactor:     m.ScaleDownFactor,
			ScaleUpAdjustment:   m.ScaleUpAdjustment,
			ScaleDownAdjustment: m.ScaleDownAdjustment,
		})
	}
	var overrides []v1alpha1.ScheduledOverride
	for _, o := range c.Overrides {
		so := v1alpha1.ScheduledOverride{
			StartTime:   metav1.Time{Time: ms(o.StartMs)},
			EndTime:     metav1.Time{Time: ms(o.EndMs)},
			MinReplicas: o.MinReplicas,
		}
		so.RecurrenceRule.Frequency = o.Frequency
		if o.UntilMs != nil {
			so.RecurrenceRule.UntilTime = metav1.Time{Time: ms(*o.UntilMs)}
		}
		overrides = append(overrides, so)
	}
	var reservations []v1alpha1.CapacityReservation
	for _, r := range c.Reservations {
		reservations = append(reservations, v1alpha1.CapacityReservation{
			ExpirationTime: metav1.Time{Time: ms(r.ExpiresMs)},
			Replicas:       r.Replicas,
		})
	}
	hra := v1alpha1.HorizontalRunnerAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Name: "sim", Namespace: "default"},
		Spec: v1alpha1.HorizontalRunnerAutoscalerSpec{
			ScaleTargetRef:                    v1alpha1.ScaleTargetRef{Kind: "RunnerDeployment", Name: "sim"},
			MinReplicas:                       c.Min,
			MaxReplicas:                       c.Max,
			Metrics:                           metrics,
			ScheduledOverrides:                overrides,
			CapacityReservations:              reservations,
			ScaleDownDelaySecondsAfterScaleUp: c.DelaySeconds,
		},
		Status: v1alpha1.HorizontalRunnerAutoscalerStatus{DesiredReplicas: c.StatusDesired},
	}
	if c.LastScaleOutMs != nil {
		hra.Status.LastSuccessfulScaleOutTime = &metav1.Time{Time: ms(*c.LastScaleOutMs)}
	}

	res := simResult{ID: c.ID}
	minReplicas, _, _, err := h.getMinReplicas(log, now, hra)
	if err != nil {
		res.Error = "min: " + firstLine(err.Error())
		return res
	}
	res.Min = &minReplicas

	pods := map[string]struct{}{}
	for _, p := range c.Pods {
		pods[p] = struct{}{}
	}
	st := scaleTarget{
		st: "sim", kind: "runnerdeployment", repo: "test/valid",
		replicas: c.SpecReplicas, labels: c.Labels,
		getRunnerMap: func() (map[string]struct{}, error) { return pods, nil },
	}
	got, err := h.computeReplicasWithCache(client, log, now, st, hra, minReplicas)
	if err != nil {
		res.Error = "desired: " + firstLine(err.Error())
		return res
	}
	res.Desired = &got
	_ = context.TODO
	return res
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }
