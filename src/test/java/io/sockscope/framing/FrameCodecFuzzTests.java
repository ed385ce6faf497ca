package io.sockscope.framing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sockscope.support.AllocationMeter;
import io.sockscope.support.FuzzWire;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz tests (Jazzer) of every framing's decoder. Each reads frames off a
 * fuzzed connection ({@link FuzzWire}: limit, socket read size, bytes) until the stream
 * ends or the codec refuses it, and asserts for every frame and every refusal:
 * <ul>
 * <li>a frame never exceeds {@code max-frame-size};</li>
 * <li>the frame written back is exactly the bytes it was read from, and reads back as the
 * same frame (decode, encode, decode);</li>
 * <li>only the documented exceptions escape: a clean end between frames, an end inside a
 * frame (only once every byte is read), a frame too large (read no further than just past
 * the limit), a bad frame start (stx-etx only);</li>
 * <li>the codec never asks for, or allocates, more than a small multiple of the
 * limit.</li>
 * </ul>
 * Without {@code JAZZER_FUZZ} these replay the seeds under
 * {@code FrameCodecFuzzTestsInputs/<method>/} as ordinary tests; with it, each target is
 * fuzzed for its {@code maxDuration} (see docs/hardening.md).
 */
class FrameCodecFuzzTests {

	/**
	 * Allocation a decode may make beyond a small multiple of the limit: the exception
	 * with its stack trace, the initial buffer of raw framing; more when fuzzing
	 * ({@link AllocationMeter#fuzzingSlack()}).
	 */
	private static final long ALLOCATION_SLACK = 64 * 1024;

	/**
	 * Every framing in one target, chosen by the first byte: the one .ci/run fuzzes,
	 * since each fuzzing run starts a JVM and Jazzer's agent (about half a minute here).
	 */
	@FuzzTest(maxDuration = "25s")
	void everyFraming(byte[] data) throws IOException {
		if (data.length > 0) {
			Framing[] framings = Framing.values();
			check(framings[(data[0] & 0xff) % framings.length], Arrays.copyOfRange(data, 1, data.length));
		}
	}

	@FuzzTest(maxDuration = "10s")
	void lineFraming(byte[] data) throws IOException {
		check(Framing.LINE, data);
	}

	@FuzzTest(maxDuration = "10s")
	void crlfFraming(byte[] data) throws IOException {
		check(Framing.CRLF, data);
	}

	@FuzzTest(maxDuration = "10s")
	void lfFraming(byte[] data) throws IOException {
		check(Framing.LF, data);
	}

	@FuzzTest(maxDuration = "10s")
	void nullFraming(byte[] data) throws IOException {
		check(Framing.NULL, data);
	}

	@FuzzTest(maxDuration = "10s")
	void lengthHeader1Framing(byte[] data) throws IOException {
		check(Framing.LENGTH_HEADER_1, data);
	}

	@FuzzTest(maxDuration = "10s")
	void lengthHeader2Framing(byte[] data) throws IOException {
		check(Framing.LENGTH_HEADER_2, data);
	}

	@FuzzTest(maxDuration = "10s")
	void lengthHeader4Framing(byte[] data) throws IOException {
		check(Framing.LENGTH_HEADER_4, data);
	}

	@FuzzTest(maxDuration = "10s")
	void stxEtxFraming(byte[] data) throws IOException {
		check(Framing.STX_ETX, data);
	}

	@FuzzTest(maxDuration = "10s")
	void rawFraming(byte[] data) throws IOException {
		check(Framing.RAW, data);
	}

	/**
	 * Read the wire twice: allocation is asserted on the second pass only, once the first
	 * has loaded and initialized every class the input reaches.
	 */
	private static void check(Framing framing, byte[] data) throws IOException {
		FuzzWire wire = FuzzWire.of(data);
		readAll(framing, wire, false);
		readAll(framing, wire, true);
	}

	private static void readAll(Framing framing, FuzzWire wire, boolean measure) throws IOException {
		int max = wire.maxFrameSize();
		FrameCodec codec = framing.newCodec(max);
		FuzzWire.Input in = wire.input();
		// the most one frame may take off the wire: payload, header and a two-byte
		// terminator
		long frameBytes = (long) max + codec.headerLength() + 2;
		while (true) {
			int before = in.consumed();
			AllocationMeter meter = AllocationMeter.start();
			Frame frame;
			try {
				frame = codec.deserialize(in);
			}
			catch (SoftEndOfStreamException ex) {
				assertThat(before).as("a clean end comes only between frames").isEqualTo(wire.wire().length);
				return;
			}
			catch (FrameTooLargeException ex) {
				assertThat((long) in.consumed() - before).as("bytes read for a frame too large")
					.isLessThanOrEqualTo(frameBytes);
				checkAllocation(meter, max, measure);
				return;
			}
			catch (FrameDecodeException ex) {
				assertThat(framing).isEqualTo(Framing.STX_ETX);
				assertThat(in.consumed() - before).isEqualTo(1);
				return;
			}
			catch (EOFException ex) {
				assertThat(in.consumed()).as("an end inside a frame is the end of the wire")
					.isEqualTo(wire.wire().length);
				checkAllocation(meter, max, measure);
				return;
			}
			checkAllocation(meter, max, measure);
			assertThat(frame.size()).isLessThanOrEqualTo(max);
			assertThat(in.largestRequest()).as("largest read asked for").isLessThanOrEqualTo(Math.max(8192, max + 1));
			byte[] written = written(codec, frame);
			assertThat(written).as("a frame written back is the bytes it came from")
				.isEqualTo(wire.range(before, in.consumed()));
			Frame again = codec.deserialize(new ByteArrayInputStream(written));
			assertThat(again.payload()).isEqualTo(frame.payload());
			assertThat(again.terminator()).isEqualTo(frame.terminator());
			if (codec.endsAtEndOfStream()) {
				assertThat(in.consumed()).isEqualTo(wire.wire().length);
				return;
			}
		}
	}

	private static void checkAllocation(AllocationMeter meter, int max, boolean measure) {
		if (measure) {
			assertThat(meter.allocated()).as("bytes allocated for one frame")
				.isLessThanOrEqualTo(4L * max + ALLOCATION_SLACK + AllocationMeter.fuzzingSlack());
		}
	}

	private static byte[] written(FrameCodec codec, Frame frame) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(frame, out);
		return out.toByteArray();
	}

}
