package io.sockscope.bench;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.sockscope.framing.FrameCodec;
import io.sockscope.framing.Framing;

/**
 * Everything a benchmark run needs to know, checked by {@link BenchCommand}.
 *
 * @param address the one host and port to load
 * @param framing the framing of every frame
 * @param mode what each client does
 * @param connections the number of simulated clients, each with its own connection
 * @param pipeline the number of requests each connection keeps in flight (echo mode)
 * @param payloadSize the payload size of every frame, in bytes
 * @param duration how long to measure
 * @param warmup how long to run before measuring
 * @param timeout how long to wait for a connection or a reply before counting an error
 * @param threads the number of selector threads that drive the connections
 */
record BenchPlan(InetSocketAddress address, Framing framing, BenchMode mode, int connections, int pipeline,
		int payloadSize, Duration duration, Duration warmup, Duration timeout, int threads) {

	/**
	 * The largest payload size the tool accepts, whatever the framing.
	 */
	static final int LARGEST_PAYLOAD = Integer.MAX_VALUE - 16;

	/**
	 * The length of every frame on the wire.
	 * @return the length in bytes, framing included
	 */
	int frameLength() {
		return new FramePattern(codec(), this.payloadSize, 0).frameLength();
	}

	/**
	 * A codec of the plan's framing that writes payloads of any size the framing can
	 * express.
	 * @return a new codec
	 */
	FrameCodec codec() {
		return this.framing.newCodec(LARGEST_PAYLOAD);
	}

}
