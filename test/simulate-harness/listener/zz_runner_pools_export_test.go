// Differential-test harness of cdktf-runner-pools (not upstream code). scripts/simulate-harness.sh
// drops this file into a temporary copy of github.com/actions/scaleset@v0.4.0 (from the Go module
// proxy), beside zz_runner_pools_listener_sim_test.go, so that the external test package can parse
// messages with the module's own, unexported parser (client.go:501-566).
package scaleset

import "io"

// ParseMessageForRunnerPoolsSim is parseRunnerScaleSetMessageResponse, the parser GetMessage
// applies to a 200 answer (session_client.go:154-159).
func ParseMessageForRunnerPoolsSim(body io.Reader) (*RunnerScaleSetMessage, error) {
	return parseRunnerScaleSetMessageResponse(body)
}
