package io.sockscope.bench;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code sockscope bench} in-process, as the command line would, and keeps what it
 * printed.
 *
 * @param exitCode the exit code
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record Bench(int exitCode, String out, String err) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Bench run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out))
			.setErr(new PrintWriter(err))
			.execute(args);
		return new Bench(exitCode, out.toString(), err.toString());
	}

	/**
	 * The result, for a run with {@code --json}.
	 */
	JsonNode json() {
		return JSON.readTree(this.out);
	}

}
