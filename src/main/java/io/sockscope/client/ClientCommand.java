package io.sockscope.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import io.sockscope.framing.Frame;
import io.sockscope.framing.Framing;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import org.springframework.aot.AotDetector;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.util.unit.DataSize;

/**
 * {@code sockscope client}: a prompt-and-reply loop at a terminal, a one-shot sender
 * otherwise. Frames go through a Spring Integration outbound gateway in the chosen
 * framing.
 */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Send frames to a TCP service and print its replies.",
				"At a terminal: type a line to send it as one frame; the reply prints as 'response: (...)';"
						+ " '.quit' or Ctrl-D leaves.",
				"With --send, or text piped on stdin: send it, print the reply as received, exit."
						+ " Piped text is one frame per line on line framings, one frame in all on the others.",
				"Output to a terminal ends with a line break even when the reply has none;"
						+ " output to a pipe or file is the reply's bytes exactly." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the exchange (or session) succeeded",
				"1:the service could not be reached, did not answer in time, or closed without answering",
				"2:invalid options" })
public class ClientCommand implements Callable<Integer> {

	private static final Set<Framing> LINE_FRAMINGS = EnumSet.of(Framing.LINE, Framing.CRLF, Framing.LF);

	@Option(names = "--host", defaultValue = "127.0.0.1",
			description = "Host to connect to (default: ${DEFAULT-VALUE}).")
	String host = "127.0.0.1";

	@Option(names = "--port", defaultValue = "8890", description = "Port to connect to (default: ${DEFAULT-VALUE}).")
	int port = 8890;

	@Option(names = "--framing", defaultValue = "line", converter = FramingConverter.class,
			description = "line, crlf, lf, null, raw, length-header-1, length-header-2, length-header-4 or stx-etx "
					+ "(default: ${DEFAULT-VALUE}). With raw the client half-closes after sending and reads to EOF.")
	Framing framing = Framing.LINE;

	@Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
			description = "How long to wait to connect, and then for each reply, such as 500ms or 5s "
					+ "(default: ${DEFAULT-VALUE}).")
	Duration timeout = Duration.ofSeconds(5);

	@Option(names = "--max-frame-size", defaultValue = "64MB", converter = DataSizeConverter.class,
			description = "Largest reply accepted (default: ${DEFAULT-VALUE}).")
	DataSize maxFrameSize = DataSize.ofMegabytes(64);

	@Option(names = "--send", paramLabel = "TEXT", description = "Send TEXT as one frame, print the reply, exit.")
	@Nullable String send;

	private final InputStream in;

	private final PrintStream out;

	private final PrintStream err;

	/** The last byte printed of the replies, -1 before the first. */
	private int lastByte = -1;

	public ClientCommand() {
		this(System.in, System.out, System.err);
	}

	ClientCommand(InputStream in, PrintStream out, PrintStream err) {
		this.in = in;
		this.out = out;
		this.err = err;
	}

	@Override
	public Integer call() {
		Upstream upstream = new Upstream(this.host, this.port, this.framing, (int) this.maxFrameSize.toBytes(),
				this.timeout);
		try (ConfigurableApplicationContext context = startContext();
				FrameExchange exchange = FrameExchange.register(context.getBean(IntegrationFlowContext.class),
						"sockscope.client", upstream, 1)) {
			if (this.send != null) {
				printRaw(exchange.exchange(frame(this.send.getBytes(StandardCharsets.UTF_8))));
				endLineOnTerminal();
			}
			else if (Terminals.interactive()) {
				exchange.connect();
				repl(exchange);
			}
			else {
				sendPiped(exchange);
				endLineOnTerminal();
			}
			return 0;
		}
		catch (ExchangeException ex) {
			this.err.println("sockscope client: " + ex.getMessage());
			return 1;
		}
		catch (IOException ex) {
			this.err.println("sockscope client: " + ex.getMessage());
			return 1;
		}
	}

	private static ConfigurableApplicationContext startContext() {
		// The AOT-generated initializer in the jar is the server's context, not this one:
		// a
		// JVM started with -Dspring.aot.enabled=true (the container image) builds this
		// context the regular way.
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
		return new SpringApplicationBuilder(ClientConfiguration.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties("spring.main.keep-alive=false", "logging.level.root=warn",
					"logging.level.org.springframework.integration=error",
					"logging.level.org.springframework.integration.ip.tcp.outbound.TcpOutboundGateway=off",
					"logging.pattern.console=%msg%n")
			.run();
	}

	/**
	 * The terminal loop: prompt, send each line, print the reply.
	 */
	private void repl(FrameExchange exchange) throws IOException {
		try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
			LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("sockscope").build();
			while (true) {
				String line;
				try {
					line = reader.readLine("> ");
				}
				catch (UserInterruptException ex) {
					continue;
				}
				catch (EndOfFileException ex) {
					return;
				}
				if (line.equals(".quit")) {
					return;
				}
				Frame reply = exchange.exchange(frame(line.getBytes(StandardCharsets.UTF_8)));
				terminal.writer().println("response: (" + new String(reply.payload(), StandardCharsets.UTF_8) + ")");
				terminal.flush();
			}
		}
	}

	private void sendPiped(FrameExchange exchange) throws IOException {
		byte[] input = this.in.readAllBytes();
		if (!LINE_FRAMINGS.contains(this.framing)) {
			printRaw(exchange.exchange(frame(input)));
			return;
		}
		String text = new String(input, StandardCharsets.UTF_8);
		for (String line : text.split("\r?\n")) {
			if (!line.isEmpty() || !text.isEmpty()) {
				printRaw(exchange.exchange(frame(line.getBytes(StandardCharsets.UTF_8))));
			}
		}
	}

	private static Frame frame(byte[] payload) {
		return Frame.of(payload);
	}

	private void printRaw(Frame reply) {
		write(reply.payload());
		if (reply.hasTerminator()) {
			write(reply.terminator());
		}
		this.out.flush();
	}

	private void write(byte[] bytes) {
		this.out.write(bytes, 0, bytes.length);
		if (bytes.length > 0) {
			this.lastByte = bytes[bytes.length - 1];
		}
	}

	/**
	 * A reply without a line break at its end (length-header, stx-etx, null, raw
	 * framings) would leave the shell's prompt on its line: at a terminal, end the line.
	 * A pipe or a file gets the reply's bytes exactly.
	 */
	private void endLineOnTerminal() {
		if (this.lastByte != -1 && this.lastByte != '\n' && Terminals.outputIsTerminal()) {
			this.out.println();
			this.out.flush();
		}
	}

	static final class FramingConverter implements ITypeConverter<Framing> {

		@Override
		public Framing convert(String value) {
			try {
				return Framing.of(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	static final class DurationConverter implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return DurationStyle.detectAndParse(value);
		}

	}

	static final class DataSizeConverter implements ITypeConverter<DataSize> {

		@Override
		public DataSize convert(String value) {
			return DataSize.parse(value);
		}

	}

}
