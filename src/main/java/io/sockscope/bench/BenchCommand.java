package io.sockscope.bench;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Framing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * {@code sockscope bench}: loads one TCP echo service from non-blocking connections,
 * checks every reply byte against the bytes sent, and prints requests per second, MB per
 * second, latency percentiles and errors. Exits 0 if replies were verified and none
 * failed, 1 otherwise, 2 for bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Load-test one TCP echo service and verify every reply.",
				"A wrong or missing reply is an error; the exit code is 0 only with no errors." })
public class BenchCommand implements Callable<Integer> {

	private static final int EXIT_FAILED = 1;

	// injected by picocli before call()
	@SuppressWarnings("NullAway.Init")
	@Spec
	private CommandSpec spec;

	@Option(names = "--host", defaultValue = "127.0.0.1",
			description = "Host to load: loopback or one named host (default: ${DEFAULT-VALUE}).")
	private String host = "127.0.0.1";

	@Option(names = "--port", defaultValue = "8890", description = "Port to load (default: ${DEFAULT-VALUE}).")
	private int port = 8890;

	@Option(names = "--framing", defaultValue = "line",
			description = "line, crlf, lf, null, stx-etx, length-header-1|2|4, or raw (with --mode connect)"
					+ " (default: ${DEFAULT-VALUE}).")
	private String framing = "line";

	@Option(names = "--mode", defaultValue = "echo",
			description = "echo: requests on open connections; connect: a connection per request;"
					+ " hold: idle connections (default: ${DEFAULT-VALUE}).")
	private String mode = "echo";

	@Option(names = "--connections", defaultValue = "1",
			description = "Concurrent connections, one client each (default: ${DEFAULT-VALUE}).")
	private int connections = 1;

	@Option(names = "--pipeline", defaultValue = "1",
			description = "Requests in flight per connection, echo mode (default: ${DEFAULT-VALUE}).")
	private int pipeline = 1;

	@Option(names = "--size", defaultValue = "64B",
			description = "Payload size of each frame, such as 64B or 64KB (default: ${DEFAULT-VALUE}).")
	private String size = "64B";

	@Option(names = "--duration", defaultValue = "10s",
			description = "How long to measure, such as 10s (default: ${DEFAULT-VALUE}).")
	private String duration = "10s";

	@Option(names = "--warmup", defaultValue = "0s",
			description = "How long to run before measuring (default: ${DEFAULT-VALUE}).")
	private String warmup = "0s";

	@Option(names = "--timeout", defaultValue = "5s",
			description = "How long a connect or a reply may take before it counts as an error"
					+ " (default: ${DEFAULT-VALUE}).")
	private String timeout = "5s";

	@Option(names = "--threads", defaultValue = "1",
			description = "Selector threads driving the connections (default: ${DEFAULT-VALUE}).")
	private int threads = 1;

	@Option(names = "--json", description = "Print the result as one line of JSON.")
	private boolean json;

	@Override
	public Integer call() throws InterruptedException {
		BenchPlan plan = plan();
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		BenchResult result = new LoadGenerator(plan, () -> {
			err.println("bench: holding " + plan.connections() + " connections");
			err.flush();
		}).run();
		out.print(this.json ? ResultJson.render(result) : ResultTable.render(result));
		out.flush();
		return result.passed() ? 0 : EXIT_FAILED;
	}

	/**
	 * Check the options and turn them into a plan.
	 * @return the plan
	 * @throws ParameterException if an option is invalid
	 */
	BenchPlan plan() {
		Framing framing = parse("--framing", () -> Framing.of(this.framing));
		FrameCodec codec = framing.newCodec(BenchPlan.LARGEST_PAYLOAD);
		BenchMode benchMode = parse("--mode", () -> BenchMode.of(this.mode));
		require(this.port >= 1 && this.port <= 65535, "--port must be between 1 and 65535");
		require(this.connections >= 1, "--connections must be at least 1");
		require(this.pipeline >= 1, "--pipeline must be at least 1");
		require(this.threads >= 1, "--threads must be at least 1");
		long payloadSize = parse("--size", () -> DataSize.parse(this.size)).toBytes();
		require(payloadSize >= 0 && payloadSize <= codec.largestPayload(), "--size must be between 0 and "
				+ codec.largestPayload() + " bytes for framing " + framing.displayName());
		require(payloadSize * this.pipeline <= Integer.MAX_VALUE / 2, "--size times --pipeline is too large");
		require(!codec.endsAtEndOfStream() || benchMode == BenchMode.CONNECT, "--framing " + framing.displayName()
				+ " ends a frame at the end of the stream: use it with --mode connect");
		require(benchMode != BenchMode.HOLD || this.pipeline == 1, "--pipeline does not apply to --mode hold");
		Duration measured = duration("--duration", this.duration);
		require(!measured.isZero(), "--duration must be more than 0");
		Duration timeoutDuration = duration("--timeout", this.timeout);
		require(!timeoutDuration.isZero(), "--timeout must be more than 0");
		return new BenchPlan(address(), framing, benchMode, this.connections, this.pipeline, (int) payloadSize,
				measured, duration("--warmup", this.warmup), timeoutDuration, this.threads);
	}

	private InetSocketAddress address() {
		InetAddress address = parse("--host", () -> {
			try {
				return InetAddress.getByName(this.host);
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("Unknown host '" + this.host + "'");
			}
		});
		require(!address.isAnyLocalAddress() && !address.isMulticastAddress(),
				"--host must name one host, not " + this.host);
		return new InetSocketAddress(address, this.port);
	}

	private Duration duration(String option, String value) {
		Duration parsed = parse(option, () -> DurationStyle.detectAndParse(value));
		require(!parsed.isNegative(), option + " must not be negative");
		return parsed;
	}

	private <T> T parse(String option, Supplier<T> parser) {
		try {
			return parser.get();
		}
		catch (RuntimeException ex) {
			throw new ParameterException(this.spec.commandLine(),
					"Invalid value for " + option + ": " + ex.getMessage());
		}
	}

	private void require(boolean condition, String message) {
		if (!condition) {
			throw new ParameterException(this.spec.commandLine(), message);
		}
	}

}
