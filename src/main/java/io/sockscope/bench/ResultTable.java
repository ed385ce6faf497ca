package io.sockscope.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link BenchResult} as a plain-text table for people.
 */
final class ResultTable {

	private static final String GAP = "  ";

	private ResultTable() {
	}

	/**
	 * Render a result.
	 * @param result the result
	 * @return the table, several lines ending with a line break
	 */
	static String render(BenchResult result) {
		BenchPlan plan = result.plan();
		StringBuilder text = new StringBuilder();
		text.append(table(List.of("mode", "target", "framing", "connections", "pipeline", "size", "duration"),
				List.of(plan.mode().displayName(), plan.address().getHostString() + ":" + plan.address().getPort(),
						plan.framing().displayName(), String.valueOf(plan.connections()),
						String.valueOf(plan.pipeline()), plan.payloadSize() + " B",
						plan.duration().toMillis() / 1000.0 + " s")));
		text.append('\n');
		List<String> headers = new ArrayList<>();
		List<String> values = new ArrayList<>();
		if (plan.mode() == BenchMode.HOLD) {
			add(headers, values, "held", String.valueOf(result.held()));
			add(headers, values, "verified", String.valueOf(result.requests()));
			add(headers, values, "connect p50", millis(result.latencyMicros(50)));
			add(headers, values, "connect p99", millis(result.latencyMicros(99)));
			add(headers, values, "connect max", millis(result.maxLatencyMicros()));
		}
		else {
			String rate = (plan.mode() == BenchMode.CONNECT) ? "connections/s" : "requests/s";
			add(headers, values, "requests", String.valueOf(result.requests()));
			add(headers, values, rate, result.requestsPerSecond().setScale(0, RoundingMode.HALF_UP).toPlainString());
			add(headers, values, "MB/s", result.megabytesPerSecond().setScale(2, RoundingMode.HALF_UP).toPlainString());
			add(headers, values, "p50", millis(result.latencyMicros(50)));
			add(headers, values, "p90", millis(result.latencyMicros(90)));
			add(headers, values, "p99", millis(result.latencyMicros(99)));
			add(headers, values, "p99.9", millis(result.latencyMicros(99.9)));
			add(headers, values, "max", millis(result.maxLatencyMicros()));
		}
		add(headers, values, "errors", String.valueOf(result.errors()));
		text.append(table(headers, values));
		if (result.errors() > 0) {
			text.append("errors by kind: ")
				.append(result.errorsByKind()
					.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining(" ")))
				.append('\n');
		}
		return text.toString();
	}

	private static void add(List<String> headers, List<String> values, String header, String value) {
		headers.add(header);
		values.add(value);
	}

	private static String millis(BigDecimal micros) {
		return micros.movePointLeft(3).setScale(3, RoundingMode.HALF_UP).toPlainString() + " ms";
	}

	private static String table(List<String> headers, List<String> values) {
		StringBuilder header = new StringBuilder();
		StringBuilder row = new StringBuilder();
		for (int i = 0; i < headers.size(); i++) {
			int width = Math.max(headers.get(i).length(), values.get(i).length());
			String separator = (i < headers.size() - 1) ? GAP : "";
			header.append(pad(headers.get(i), width)).append(separator);
			row.append(pad(values.get(i), width)).append(separator);
		}
		return header.toString().stripTrailing() + '\n' + row.toString().stripTrailing() + '\n';
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(width - text.length());
	}

}
