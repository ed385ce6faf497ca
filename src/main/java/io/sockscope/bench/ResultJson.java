package io.sockscope.bench;

import org.springframework.boot.json.JsonWriter;

/**
 * Renders a {@link BenchResult} as one line of JSON for scripts. Latencies are in
 * microseconds, rates per second, sizes in bytes.
 */
final class ResultJson {

	private static final JsonWriter<BenchResult> WRITER = JsonWriter.<BenchResult>of((members) -> {
		members.add("mode", (result) -> result.plan().mode().displayName());
		members.add("host", (result) -> result.plan().address().getHostString());
		members.add("port", (result) -> result.plan().address().getPort());
		members.add("framing", (result) -> result.plan().framing().displayName());
		members.add("connections", (result) -> result.plan().connections());
		members.add("pipeline", (result) -> result.plan().pipeline());
		members.add("size", (result) -> result.plan().payloadSize());
		members.add("frameLength", (result) -> result.plan().frameLength());
		members.add("durationSeconds", (result) -> result.plan().duration().toMillis() / 1000.0);
		members.add("requests", BenchResult::requests);
		members.add("requestsPerSecond", BenchResult::requestsPerSecond);
		members.add("megabytesPerSecond", BenchResult::megabytesPerSecond);
		members.add("latencyMicros").usingMembers((latency) -> {
			latency.add("p50", (result) -> result.latencyMicros(50));
			latency.add("p90", (result) -> result.latencyMicros(90));
			latency.add("p99", (result) -> result.latencyMicros(99));
			latency.add("p999", (result) -> result.latencyMicros(99.9));
			latency.add("max", BenchResult::maxLatencyMicros);
		});
		members.add("connectionsOpened", BenchResult::connectionsOpened);
		members.add("connectionsHeld", BenchResult::held);
		members.add("errors", BenchResult::errors);
		members.add("errorsByKind", BenchResult::errorsByKind);
	}).withNewLineAtEnd();

	private ResultJson() {
	}

	/**
	 * Render a result.
	 * @param result the result
	 * @return one line of JSON, ending with a line break
	 */
	static String render(BenchResult result) {
		return WRITER.writeToString(result);
	}

}
