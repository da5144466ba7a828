// Differential-test harness of cdktf-runner-pools (not upstream code). scripts/simulate-harness.sh
// copies the Go module github.com/actions/scaleset@v0.4.0 (from the Go module proxy) into a
// temporary directory and drops this file (and zz_runner_pools_export_test.go) into its root.
// It drives the real listener loop, listener.Run (listener/listener.go:146-262), with a fake
// listener.Client whose GetMessage answers are the case's polls: nil for "no message" (what the
// real client returns on HTTP 202, session_client.go:150-152), or the wire JSON of a message parsed
// by the module's own parser. Every call the listener makes (client, scaler, metrics recorder) is
// recorded in order. It reads JSONL cases from $SIM_CASES and writes one JSONL record per case to
// $SIM_OUT; cli/simulate/scale-set.ts (replayListener) must reproduce every record exactly.
//
// The scaler is ARC's cmd/ghalistener/scaler at the chart tag gha-runner-scale-set-0.14.2, which
// the module proxy does not serve: simScaler ports its decision (New :49-54, HandleJobStarted
// :103, HandleJobCompleted :158, HandleDesiredRunnerCount :169-225 returning targetRunners,
// setDesiredWorkerState :228-260) so the record also holds the EphemeralRunnerSet patches.
package scaleset_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/actions/scaleset"
	"github.com/actions/scaleset/listener"
	"github.com/google/uuid"
)

type simPoll struct {
	MessageID  int                               `json:"messageId"`
	Statistics *scaleset.RunnerScaleSetStatistic `json:"statistics"`
	Jobs       []json.RawMessage                 `json:"jobs"`
}

type simCase struct {
	ID         string                            `json:"id"`
	Min        int                               `json:"min"`
	Max        int                               `json:"max"`
	SessionNil bool                              `json:"sessionNil"`
	Initial    *scaleset.RunnerScaleSetStatistic `json:"initial"`
	Polls      []*simPoll                        `json:"polls"`
}

type simOut struct {
	ID        string   `json:"id"`
	Calls     []string `json:"calls"`
	Decisions [][3]int `json:"decisions"`
	End       string   `json:"end"`
}

var errSimEnd = errors.New("runner-pools-sim: no more polls")

type simClient struct {
	c     *simCase
	next  int
	out   *simOut
	stats *scaleset.RunnerScaleSetStatistic
}

func (f *simClient) log(s string, a ...any) { f.out.Calls = append(f.out.Calls, fmt.Sprintf(s, a...)) }

func (f *simClient) GetMessage(ctx context.Context, lastMessageID, maxCapacity int) (*scaleset.RunnerScaleSetMessage, error) {
	f.log("get %d %d", lastMessageID, maxCapacity)
	if f.next >= len(f.c.Polls) {
		return nil, errSimEnd
	}
	p := f.c.Polls[f.next]
	f.next++
	if p == nil {
		return nil, nil
	}
	body, err := json.Marshal(p.Jobs)
	if err != nil {
		return nil, err
	}
	wire, err := json.Marshal(map[string]any{
		"messageId":   p.MessageID,
		"messageType": "RunnerScaleSetJobMessages",
		"body":        string(body),
		"statistics":  p.Statistics,
	})
	if err != nil {
		return nil, err
	}
	return scaleset.ParseMessageForRunnerPoolsSim(bytes.NewReader(wire))
}

func (f *simClient) DeleteMessage(ctx context.Context, messageID int) error {
	f.log("delete %d", messageID)
	return nil
}

func (f *simClient) AcquireJobs(ctx context.Context, requestIDs []int64) ([]int64, error) {
	ids := make([]string, len(requestIDs))
	for i, id := range requestIDs {
		ids[i] = fmt.Sprint(id)
	}
	f.log("acquire %s", strings.Join(ids, ","))
	return requestIDs, nil
}

func (f *simClient) Session() scaleset.RunnerScaleSetSession {
	f.log("session")
	s := scaleset.RunnerScaleSetSession{Statistics: f.c.Initial}
	if !f.c.SessionNil {
		s.SessionID = uuid.MustParse("6d1c3f4e-0000-4000-8000-000000000018")
	}
	return s
}

// RecordStatistics etc.: the listener's MetricsRecorder hooks (listener.go:64-69).
func (f *simClient) RecordStatistics(s *scaleset.RunnerScaleSetStatistic) {
	f.log("statistics %d", s.TotalAssignedJobs)
}
func (f *simClient) RecordJobStarted(m *scaleset.JobStarted) {
	f.log("metric.started %d", m.RunnerRequestID)
}
func (f *simClient) RecordJobCompleted(m *scaleset.JobCompleted) {
	f.log("metric.completed %d", m.RunnerRequestID)
}
func (f *simClient) RecordDesiredRunners(count int) { f.log("metric.desired %d", count) }

// simScaler: the decision of ARC gha-runner-scale-set-0.14.2 cmd/ghalistener/scaler/scaler.go
// (ported; see the file comment), recording the listener's calls.
type simScaler struct {
	f             *simClient
	min, max      int
	targetRunners int
	patchSeq      int
	dirty         bool
}

func (w *simScaler) HandleJobStarted(ctx context.Context, j *scaleset.JobStarted) error {
	w.f.log("started %d", j.RunnerRequestID)
	w.dirty = true
	return nil
}

func (w *simScaler) HandleJobCompleted(ctx context.Context, j *scaleset.JobCompleted) error {
	w.f.log("completed %d", j.RunnerRequestID)
	w.dirty = true
	return nil
}

func (w *simScaler) HandleDesiredRunnerCount(ctx context.Context, count int) (int, error) {
	w.f.log("desired %d", count)
	dirty := w.dirty
	w.dirty = false
	if w.patchSeq == math.MaxInt32 {
		w.patchSeq = 0
	}
	w.patchSeq++
	target := min(w.min+count, w.max)
	old := w.targetRunners
	w.targetRunners = target
	patchID := w.patchSeq
	if !dirty && target == old && target == w.min {
		patchID = 0
	}
	w.f.out.Decisions = append(w.f.out.Decisions, [3]int{count, target, patchID})
	return w.targetRunners, nil
}

func runSimCase(c *simCase) simOut {
	out := simOut{ID: c.ID, Calls: []string{}, Decisions: [][3]int{}}
	f := &simClient{c: c, out: &out}
	l, err := listener.New(f, listener.Config{ScaleSetID: 1, MaxRunners: c.Max}, listener.WithMetricsRecorder(f))
	if err != nil {
		out.End = "error: " + err.Error()
		return out
	}
	s := &simScaler{f: f, min: c.Min, max: c.Max, targetRunners: -1, patchSeq: -1}
	err = l.Run(context.Background(), s)
	switch {
	case errors.Is(err, errSimEnd):
		out.End = "end"
	case err != nil:
		out.End = "error: " + err.Error()
	default:
		out.End = "returned"
	}
	return out
}

func TestRunnerPoolsListenerSimHarness(t *testing.T) {
	in, err := os.Open(os.Getenv("SIM_CASES"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	outFile, err := os.Create(os.Getenv("SIM_OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer outFile.Close()
	w := bufio.NewWriter(outFile)
	defer w.Flush()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var c simCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(runSimCase(&c))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
		w.WriteString("\n")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}
