package io.sockscope.mode;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sockscope.connection.ErrorKind;
import io.sockscope.framing.Frame;
import io.sockscope.framing.FrameTooLargeException;
import io.sockscope.framing.Framing;
import io.sockscope.framing.Received;
import io.sockscope.mode.HttpRequestReaderNettyDifferentialTests.Verdict;
import io.sockscope.support.AllocationMeter;
import io.sockscope.support.FuzzWire;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz tests (Jazzer) of the HTTP request reader, in {@code http} mode
 * and behind {@code auto} mode's line framing. Each reads requests off a fuzzed
 * connection ({@link FuzzWire}: limit, socket read size, bytes) until the stream ends or
 * the reader refuses it, and asserts:
 * <ul>
 * <li>an accepted request is byte for byte the input it came from, after at most
 * {@value HttpRequestReader#MAX_LEADING_EMPTY_LINES} empty lines, and within the
 * limit;</li>
 * <li>its bytes alone read back as the same request;</li>
 * <li>Netty's decoder accepts it too, with the same head, unless it has a bare LF line
 * ending (the one leniency sockscope keeps) or meets Netty's obs-text chunk extension
 * defect
 * ({@link HttpRequestReaderNettyDifferentialTests#NETTY_OBS_TEXT_CHUNK_EXTENSION});</li>
 * <li>only the documented exceptions escape: a clean end between requests, an end inside
 * one (only once every byte is read), and a refusal that is a 400 counted as decode or a
 * 413/431 counted as oversize, read no further than just past the limit;</li>
 * <li>allocation stays within a small multiple of the limit, plus a constant per byte
 * read (the strings of each line), never sized from what the request announces.</li>
 * </ul>
 */
class HttpRequestReaderFuzzTests {

	/**
	 * Allocation beyond what the reader's own work explains, such as the refusal's
	 * exception; more when fuzzing ({@link AllocationMeter#fuzzingSlack()}).
	 */
	private static final long ALLOCATION_SLACK = 64 * 1024;

	/**
	 * Bytes the reader may allocate per byte it reads: each line becomes a string, and a
	 * field line a name, a lowercase name and a value.
	 */
	private static final int ALLOCATION_PER_BYTE_READ = 64;

	/**
	 * Both targets read the wire twice: allocation is asserted on the second pass only,
	 * once the first has loaded and initialized every class the input reaches.
	 */
	@FuzzTest(maxDuration = "25s")
	void httpMode(byte[] data) throws IOException {
		FuzzWire wire = FuzzWire.of(data);
		readAllInHttpMode(wire, false);
		readAllInHttpMode(wire, true);
	}

	@FuzzTest(maxDuration = "10s")
	void autoMode(byte[] data) throws IOException {
		FuzzWire wire = FuzzWire.of(data);
		readAllInAutoMode(wire, false);
		readAllInAutoMode(wire, true);
	}

	private static void readAllInHttpMode(FuzzWire wire, boolean measure) throws IOException {
		HttpRequestReader reader = new HttpRequestReader(wire.maxFrameSize());
		FuzzWire.Input in = wire.input();
		while (true) {
			int before = in.consumed();
			AllocationMeter meter = AllocationMeter.start();
			HttpRequest request;
			try {
				request = reader.read(in);
			}
			catch (SoftEndOfStreamException ex) {
				assertThat(in.consumed()).isEqualTo(wire.wire().length);
				assertThat(leadingEmptyLines(wire.range(before, in.consumed()))).isNotNegative();
				return;
			}
			catch (HttpRequestException ex) {
				checkRefusal(ex, wire, in.consumed() - before, measure ? meter : null);
				return;
			}
			catch (EOFException ex) {
				assertThat(in.consumed()).as("an end inside a request is the end of the wire")
					.isEqualTo(wire.wire().length);
				return;
			}
			checkAccepted(request, wire, before, in.consumed(), measure ? meter : null);
		}
	}

	private static void readAllInAutoMode(FuzzWire wire, boolean measure) throws IOException {
		HttpAwareDeserializer deserializer = HttpAwareDeserializer
			.detecting(Framing.LINE.newCodec(wire.maxFrameSize()));
		FuzzWire.Input in = wire.input();
		while (true) {
			int before = in.consumed();
			AllocationMeter meter = AllocationMeter.start();
			Received received;
			try {
				received = deserializer.deserialize(in);
			}
			catch (SoftEndOfStreamException ex) {
				assertThat(before).isEqualTo(wire.wire().length);
				return;
			}
			catch (HttpRequestException ex) {
				checkRefusal(ex, wire, in.consumed() - before, measure ? meter : null);
				return;
			}
			catch (FrameTooLargeException ex) {
				assertThat(in.consumed() - before).isLessThanOrEqualTo(wire.maxFrameSize() + 2);
				return;
			}
			catch (EOFException ex) {
				assertThat(in.consumed()).isEqualTo(wire.wire().length);
				return;
			}
			if (received instanceof HttpRequest request) {
				checkAccepted(request, wire, before, in.consumed(), measure ? meter : null);
			}
			else {
				Frame frame = (Frame) received;
				assertThat(frame.size()).isLessThanOrEqualTo(wire.maxFrameSize());
				assertThat(HttpRequestReader.isRequestLine(frame)).isFalse();
			}
		}
	}

	private static void checkAccepted(HttpRequest request, FuzzWire wire, int before, int after,
			@Nullable AllocationMeter meter) throws IOException {
		int max = wire.maxFrameSize();
		byte[] payload = request.payload();
		checkAllocation(meter, max, after - before);
		assertThat(payload.length).isLessThanOrEqualTo(max);
		int start = after - payload.length;
		assertThat(start).isGreaterThanOrEqualTo(before);
		assertThat(payload).as("an accepted request is the bytes it came from").isEqualTo(wire.range(start, after));
		assertThat(leadingEmptyLines(wire.range(before, start))).as("empty lines before it")
			.isBetween(0, HttpRequestReader.MAX_LEADING_EMPTY_LINES);
		HttpRequest again = new HttpRequestReader(max).read(new ByteArrayInputStream(payload));
		assertThat(again.payload()).isEqualTo(payload);
		assertThat(again.version()).isEqualTo(request.version());
		assertThat(again.keepAlive()).isEqualTo(request.keepAlive());
		String text = new String(payload, StandardCharsets.ISO_8859_1);
		if (!hasBareLineFeed(payload)) {
			Verdict netty = HttpRequestReaderNettyDifferentialTests.netty(text);
			if (!netty.isNettyObsTextChunkExtensionDefect()) {
				assertThat(netty.accepted()).as("Netty accepts it too (%s)", netty.problem()).isTrue();
				assertThat(netty.head()).isEqualTo(HttpRequestReaderNettyDifferentialTests.sockscope(text).head());
			}
		}
	}

	private static void checkRefusal(HttpRequestException refusal, FuzzWire wire, int read,
			@Nullable AllocationMeter meter) {
		int max = wire.maxFrameSize();
		assertThat(refusal.getStatus()).isIn(400, 413, 431);
		assertThat(refusal.getKind()).isEqualTo((refusal.getStatus() == 400) ? ErrorKind.DECODE : ErrorKind.OVERSIZE);
		assertThat(refusal.getMessage()).doesNotContain("\n").doesNotContain("\r");
		assertThat(read).as("bytes read before refusing")
			.isLessThanOrEqualTo(max + 2 * (HttpRequestReader.MAX_LEADING_EMPTY_LINES + 1));
		checkAllocation(meter, max, read);
	}

	/**
	 * Allocation is checked on the second pass over the wire, the one with a meter.
	 */
	private static void checkAllocation(@Nullable AllocationMeter meter, int max, int read) {
		if (meter != null) {
			assertThat(meter.allocated()).as("bytes allocated reading %d bytes", read)
				.isLessThanOrEqualTo(4L * max + (long) ALLOCATION_PER_BYTE_READ * read + ALLOCATION_SLACK
						+ AllocationMeter.fuzzingSlack());
		}
	}

	/**
	 * How many empty lines (CRLF or LF) some bytes are, or -1 if they are anything else.
	 */
	private static int leadingEmptyLines(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		if (!text.replace("\r\n", "").replace("\n", "").isEmpty()) {
			return -1;
		}
		return text.length() - text.replace("\n", "").length();
	}

	private static boolean hasBareLineFeed(byte[] payload) {
		for (int i = 0; i < payload.length; i++) {
			if (payload[i] == '\n' && (i == 0 || payload[i - 1] != '\r')) {
				return true;
			}
		}
		return false;
	}

}
